import { CAPABILITY_REQUIREMENT, MISSION, PLEDGE, PLEDGE_CAVEAT, VERIFICATION_VISIT } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit/feeds";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { VerificationVisit } from "../entities/verification-visit.js";

/**
 * Pledges (with their steps), their verification visits and caveats (records whose declared parent is the pledge:
 * a reader who loses the pledge loses them too), missions and capability requirements.
 */
export const peacekeepingFeed: ChangeFeedDefinition = {
  domain: "Peacekeeping",
  records: [
    { declaration: PLEDGE, entity: Pledge, description: "A pledge, with its status steps." },
    { declaration: VERIFICATION_VISIT, entity: VerificationVisit, description: "A UN verification visit to a pledged unit." },
    { declaration: PLEDGE_CAVEAT, entity: PledgeCaveat, description: "A national caveat declared on a pledge." },
    { declaration: MISSION, entity: Mission, description: "A peacekeeping mission (id: its acronym)." },
    {
      declaration: CAPABILITY_REQUIREMENT,
      entity: CapabilityRequirement,
      description: "What a mission requires of a capability type.",
    },
  ],
  children: [{ entity: PledgeTransition, parent: (t) => t.pledge }],
};

export const PeacekeepingChangesResolver = changeFeedResolver(peacekeepingFeed);
