import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { VerificationVisit } from "../entities/verification-visit.js";

/** Missions and requirements are the UN's public planning record: everyone reads them. */
const UN_PUBLIC = () => ({ marking: "PUBLIC" as const, releasableTo: [], originator: "UN" });

/**
 * Pledges (with their steps, verification visits and caveats: records whose declared parent is the pledge, so that a
 * change of one is an UPDATE of the pledge, read back through the pledge under their own rules), missions and
 * capability requirements.
 */
export const peacekeepingFeed: ChangeFeedDefinition = {
  domain: "Peacekeeping",
  records: [
    { type: "PLEDGE", entity: Pledge, description: "A pledge, with its status steps, verification visits and caveats." },
    { type: "MISSION", entity: Mission, key: "acronym", audience: UN_PUBLIC, description: "A peacekeeping mission (id: its acronym)." },
    {
      type: "CAPABILITY_REQUIREMENT",
      entity: CapabilityRequirement,
      audience: UN_PUBLIC,
      description: "What a mission requires of a capability type.",
    },
  ],
  children: [
    { entity: PledgeTransition, parent: (t) => t.pledge },
    { entity: VerificationVisit, parent: (v) => v.pledge },
    { entity: PledgeCaveat, parent: (c) => c.pledge },
  ],
};

export const PeacekeepingChangesResolver = changeFeedResolver(peacekeepingFeed);
