import { useT } from "../i18n/t";
import type { Column } from "./DataTable";

/** Where the reason for every "suppressed" mark on a page is written. */
export const SUPPRESSION_REASON_ID = "suppression-reason";

/**
 * A figure the API says leaves out pledges under the aggregate exception: the number, then the word "suppressed" (never
 * a colour alone), tied to the page's reason by `aria-describedby`.
 */
export function Figure({ value, suppressed, name }: { value: number; suppressed: boolean; name: string }) {
  const t = useT();
  if (!suppressed) return <>{value}</>;
  return (
    <span className="suppressed" data-suppressed={name} aria-describedby={SUPPRESSION_REASON_ID}>
      {value} <em>({t("suppression.mark")})</em>
    </span>
  );
}

/** The reason, once per page, when any of its figures is suppressed. */
export function SuppressionReason({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <p className="source" id={SUPPRESSION_REASON_ID} data-testid="suppression">
      <strong>{t("suppression.mark")}:</strong> {t("suppression.reason")}
    </p>
  );
}

/**
 * A numeric table column whose every figure is marked where its row's totals are suppressed (`StatusTotals.suppressed`,
 * `EventDelivery.suppressed` and the like cover all the figures of their row, not only the count of pledges).
 */
export function figureColumn<Row>(
  key: string,
  label: string,
  value: (row: Row) => number,
  row: { suppressed: (row: Row) => boolean; name: (row: Row) => string },
): Column<Row> {
  return {
    key,
    label,
    value,
    numeric: true,
    render: (r) => <Figure value={value(r)} suppressed={row.suppressed(r)} name={`${row.name(r)}-${key}`} />,
  };
}
