import { type ReactNode, useState } from "react";
import { useT } from "../i18n/t";

export interface Column<Row> {
  key: string;
  label: string;
  value: (row: Row) => string | number | null;
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  sortable?: boolean;
  initialSort?: { key: string; descending: boolean };
  id?: string;
}

/** A table of the data a chart draws, or a list in its own right; sortable by any column from the keyboard. */
export function DataTable<Row>({ caption, columns, rows, rowKey, sortable = false, initialSort, id }: DataTableProps<Row>) {
  const t = useT();
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = [...rows];
  if (sort) {
    const column = columns.find((c) => c.key === sort.key);
    if (column) {
      sorted.sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        const order = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return sort.descending ? -order : order;
      });
    }
  }
  return (
    <div className="table-scroll">
      <table className="data" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              const ariaSort = active ? (sort?.descending ? "descending" : "ascending") : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={ariaSort} className={c.numeric ? "num" : undefined}>
                  {sortable ? (
                    <button
                      type="button"
                      className="sort"
                      aria-label={t("map.sortBy", { column: c.label })}
                      onClick={() => setSort({ key: c.key, descending: active ? !sort?.descending : false })}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (sort?.descending ? " ▼" : " ▲") : " ↕"}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? "num" : undefined}>
                  {c.render ? c.render(row) : c.value(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
