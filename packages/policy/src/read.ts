import type { Viewer } from "./viewer.js";
import { MARKINGS, type Marking } from "./vocabulary.js";

/** What the policy needs to know of a shareable record (or of a sensitive part of one). */
export interface Marked {
  readonly marking: Marking;
  readonly releasableTo: readonly string[];
  /** Code of the partner that owns the record. */
  readonly originator: string;
}

type Audience = "everyone" | "authenticated" | "governmental" | "named" | "originator";

/** The read rule of each marking. The originator can always read its own records. */
const AUDIENCE: Record<Marking, Audience> = {
  PUBLIC: "everyone",
  PARTNERS: "authenticated",
  GOVERNMENTS: "governmental",
  RESTRICTED: "named",
  ORIGINATOR: "originator",
};

function inAudience(viewer: Viewer, audience: Audience, releasableTo: readonly string[]): boolean {
  switch (audience) {
    case "everyone":
      return true;
    case "authenticated":
      return viewer.partner !== null;
    case "governmental":
      return viewer.kind === "GOVERNMENT" || viewer.kind === "MULTILATERAL";
    case "named":
      return releasableTo.some((code) => code === viewer.partner || viewer.groups.has(code));
    case "originator":
      return false;
  }
}

export function canRead(viewer: Viewer, record: Marked): boolean {
  if (viewer.partner !== null && viewer.partner === record.originator) return true;
  return inAudience(viewer, AUDIENCE[record.marking], record.releasableTo);
}

/**
 * The `canRead` rule in parts, for filters written in SQL: a record is readable when its marking
 * is one of `openMarkings`, when the viewer (the first of `names`) originated it, or when it is
 * RESTRICTED to one of `names`. `names` is empty for anonymous callers.
 */
export function readableAudience(viewer: Viewer): { openMarkings: Marking[]; names: string[] } {
  const openMarkings = MARKINGS.filter((m) => {
    const audience = AUDIENCE[m];
    return audience !== "named" && audience !== "originator" && inAudience(viewer, audience, []);
  });
  return { openMarkings, names: viewer.partner === null ? [] : [viewer.partner, ...viewer.groups] };
}

export function strictness(marking: Marking): number {
  return MARKINGS.indexOf(marking);
}

/**
 * True when `inner` (a sensitive part) reaches nobody that `outer` (its record) does not reach:
 * the marking is at least as strict, and a RESTRICTED part names only audiences the record names.
 */
export function isAtLeastAsStrict(inner: Omit<Marked, "originator">, outer: Omit<Marked, "originator">): boolean {
  if (strictness(inner.marking) < strictness(outer.marking)) return false;
  if (inner.marking === "RESTRICTED" && outer.marking === "RESTRICTED") {
    return inner.releasableTo.every((code) => outer.releasableTo.includes(code));
  }
  return true;
}

/** Markings whose reads are recorded in the audit log. */
export function isAuditedMarking(marking: Marking): boolean {
  return marking === "RESTRICTED" || marking === "ORIGINATOR";
}
