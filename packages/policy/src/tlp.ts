import type { Marking } from "./vocabulary.js";

/**
 * FIRST's Traffic Light Protocol 2.0, derived from a record's marking so that partners' own tools (MISP, OpenCTI,
 * spreadsheets) can label what they receive. The marking stays the rule Concert enforces; TLP is how it reads outside.
 * docs/access-policy.md ("TLP 2.0") gives the reasoning for each row.
 */
export const TLP_LEVELS = ["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

const TLP_OF: Record<Marking, Tlp> = {
  PUBLIC: "CLEAR",
  PARTNERS: "GREEN",
  GOVERNMENTS: "AMBER",
  RESTRICTED: "AMBER_STRICT",
  ORIGINATOR: "RED",
};

/** The TLP label of a marking. */
export function tlpOf(marking: Marking): Tlp {
  return TLP_OF[marking];
}

/** The label as FIRST writes it: `TLP:AMBER+STRICT`. */
export function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp.replace("_", "+")}`;
}

/**
 * Who, in words, may receive a record beyond what its TLP label says; null where the label says it all.
 * AMBER alone would allow any recipient's clients; Concert's GOVERNMENTS is narrower, and RESTRICTED names its audience.
 */
export function tlpStatement(marking: Marking, releasableTo: readonly string[] = []): string | null {
  switch (marking) {
    case "GOVERNMENTS":
      return "Governments and multilateral organisations only; not civil society.";
    case "RESTRICTED": {
      const named = [...new Set(releasableTo)].sort();
      return named.length === 0
        ? "The originating partner only: releasable to no other partner or group."
        : `The originating partner and only these partners and groups (forums): ${named.join(", ")}.`;
    }
    default:
      return null;
  }
}
