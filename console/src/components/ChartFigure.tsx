import { type KeyboardEvent, type ReactNode, useState } from "react";
import { useT } from "../i18n/t";

/** A chart with its data as a table, one keystroke (T) or one button away. */
export function ChartFigure({ caption, chart, table, id }: { caption: string; chart: ReactNode; table: ReactNode; id: string }) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === "t" || event.key === "T") && !(event.target instanceof HTMLInputElement)) {
      event.preventDefault();
      setAsTable((v) => !v);
    }
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the figure takes focus so that T switches it to its table
    <figure className="chart" id={id} tabIndex={0} onKeyDown={onKeyDown} aria-describedby={`${id}-hint`}>
      <figcaption>
        {caption}{" "}
        <button type="button" className="link" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? t("app.showChart") : t("app.showTable")}
        </button>
        <span id={`${id}-hint`} className="hint">
          {t("app.tableHint")}
        </span>
      </figcaption>
      {asTable ? table : chart}
    </figure>
  );
}
