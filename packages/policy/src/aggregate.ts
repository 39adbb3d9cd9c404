/**
 * An aggregate that includes records the caller may not read must rest on at least this many of
 * them; otherwise their part is suppressed, so that no filter can single one out.
 */
export const MIN_UNREADABLE_IN_AGGREGATE = 3;

/** May an aggregate that includes `unreadable` records the caller may not read show their part? */
export function mayShowUnreadablePart(unreadable: number): boolean {
  return unreadable === 0 || unreadable >= MIN_UNREADABLE_IN_AGGREGATE;
}
