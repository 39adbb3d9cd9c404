import type { ReactNode } from "react";

/** A labelled form control with the error the API named it in, announced and tied to the control. */
export function Field({
  name,
  label,
  error,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string; name: string }) => ReactNode;
}) {
  const id = `f-${name}`;
  return (
    <div className={error ? "field invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, "aria-invalid": !!error, "aria-describedby": error ? `${id}-error` : undefined })}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
