import { useT } from "../i18n/t";

/** Says that the records shown are demonstration data, wherever a page shows any. */
export function DemoNote({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <p className="demo" role="note" data-testid="demo-note">
      {t("app.demo")}
    </p>
  );
}
