import { mayShowUnreadablePart, readableAudience, type Viewer } from "@concert/policy";

/** Counts and sums of a group of pledges. */
export interface PartSums {
  pledges: number;
  units: number;
  personnel: number;
  womenPersonnel: number;
}

/** The read rule as an SQL condition on the pledge table aliased `alias`, with its bindings. */
export function readableSql(viewer: Viewer, alias: string): { sql: string; params: unknown[] } {
  const { openMarkings, names } = readableAudience(viewer);
  if (names.length === 0) return { sql: `${alias}.marking in (?)`, params: [openMarkings] };
  return {
    sql: `(${alias}.marking in (?) or ${alias}.originator = ? or (${alias}.marking = 'RESTRICTED' and ${alias}.releasable_to && array[?]::text[]))`,
    params: [openMarkings, names[0], names],
  };
}

/**
 * What a group's totals may show: all of it, or, when its unreadable pledges are too few to hide
 * among (policy: mayShowUnreadablePart), only the pledges the caller may read.
 */
export function shownPart(all: PartSums, readable: PartSums): PartSums {
  return mayShowUnreadablePart(all.pledges - readable.pledges) ? all : readable;
}
