import { mayShowUnreadablePart, readableAudience, type Viewer } from "@concert/policy";

/** Counts and sums of a group of pledges. */
export interface PartSums {
  pledges: number;
  units: number;
  personnel: number;
  womenPersonnel: number;
}

/**
 * The read rule as an SQL condition on a marked table aliased `alias` (its marking in `marking`), with its bindings.
 * With `aggregate_marking`: whether the caller may count a pledge in totals without reading it.
 */
export function readableSql(
  viewer: Viewer,
  alias: string,
  marking: "marking" | "aggregate_marking" = "marking",
): { sql: string; params: unknown[] } {
  const { openMarkings, names } = readableAudience(viewer);
  const column = `${alias}.${marking}`;
  if (names.length === 0) return { sql: `${column} in (?)`, params: [openMarkings] };
  return {
    sql: `(${column} in (?) or ${alias}.originator = ? or (${column} = 'RESTRICTED' and ${alias}.releasable_to && array[?]::text[]))`,
    params: [openMarkings, names[0], names],
  };
}

/** The pledges (table aliased `alias`) the caller may count: readable in full, or by their aggregate marking (see `aggregableWhere`). */
export function aggregableSql(viewer: Viewer, alias: string): { sql: string; params: unknown[] } {
  const [own, aggregate] = [readableSql(viewer, alias), readableSql(viewer, alias, "aggregate_marking")];
  return { sql: `(${own.sql} or ${aggregate.sql})`, params: [...own.params, ...aggregate.params] };
}

/**
 * What a group's totals may show: all of it, or, when its unreadable pledges are too few to hide
 * among (policy: mayShowUnreadablePart), only the pledges the caller may read.
 */
export function shownPart(all: PartSums, readable: PartSums): PartSums {
  return mayShowUnreadablePart(all.pledges - readable.pledges) ? all : readable;
}
