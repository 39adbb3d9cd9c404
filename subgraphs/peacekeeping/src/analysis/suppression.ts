import { PLEDGE } from "@concert/policy";

/** Counts and sums of a group of pledges. */
export interface PartSums {
  pledges: number;
  units: number;
  personnel: number;
  womenPersonnel: number;
}

/**
 * What a group's totals may show: all of it, or, when its unreadable pledges are too few to hide
 * among (the pledge declaration's aggregate exception, `mayShowUnreadablePart`), only the pledges the caller may read.
 */
export function shownPart(all: PartSums, readable: PartSums): PartSums {
  return PLEDGE.mayShowUnreadablePart(all.pledges - readable.pledges) ? all : readable;
}
