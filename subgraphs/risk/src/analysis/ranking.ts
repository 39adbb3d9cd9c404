/**
 * New ranks 1..n after putting `country` at `rank` (or removing it, with rank null): the others
 * keep their order and close up, so ranks stay contiguous. A rank beyond the end means last.
 */
export function rerank(ordered: readonly string[], country: string, rank: number | null): Map<string, number> {
  const others = ordered.filter((c) => c !== country);
  if (rank !== null) others.splice(Math.min(rank, others.length + 1) - 1, 0, country);
  return new Map(others.map((c, i) => [c, i + 1]));
}
