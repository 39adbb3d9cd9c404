import type { ReactNode } from "react";
import { useT } from "../i18n/t";
import { humanize } from "./levels";

/** The `<option>`s of an enum or a list of codes, shown humanised (or by `label`), with an optional empty first choice. */
export function Options({ values, label = humanize, empty }: { values: readonly string[]; label?: (v: string) => string; empty?: string }) {
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}

/** A mutation's errors that name no field, announced; a version conflict instead offers to reload what changed. */
export function FormErrors({ errors, onReload }: { errors: { general: string[]; conflict: boolean }; onReload?: () => void }) {
  const t = useT();
  if (errors.conflict && onReload) {
    return (
      <p className="error" role="alert" data-testid="conflict">
        {t("write.conflict")}{" "}
        <button type="button" onClick={onReload}>
          {t("write.reload")}
        </button>
      </p>
    );
  }
  return (
    <>
      {errors.general.map((m) => (
        <p key={m} className="error" role="alert">
          {m}
        </p>
      ))}
    </>
  );
}

/** A form's submit button (and any others), after its errors. */
export function FormEnd({
  errors,
  submit,
  children,
}: {
  errors: { general: string[]; conflict: boolean };
  submit: string;
  children?: ReactNode;
}) {
  return (
    <>
      <FormErrors errors={errors} />
      <div className="actions">
        <button type="submit">{submit}</button>
        {children}
      </div>
    </>
  );
}
