import type { Marking } from "./vocabulary.js";

/** A marking with its audience, as written on a record or one of its parts. */
export interface MarkingChoice {
  marking: Marking;
  releasableTo: string[];
}

/**
 * How a new pledge is shared when its contributor says nothing: the contributor and the UN see it
 * and its unit details (RESTRICTED to UN), and every signed-in partner may count it in totals and
 * gaps (aggregate marking PARTNERS).
 */
export function defaultPledgeMarking(): { record: MarkingChoice; unitDetails: MarkingChoice; aggregate: Marking } {
  return {
    record: { marking: "RESTRICTED", releasableTo: ["UN"] },
    unitDetails: { marking: "RESTRICTED", releasableTo: ["UN"] },
    aggregate: "PARTNERS",
  };
}
