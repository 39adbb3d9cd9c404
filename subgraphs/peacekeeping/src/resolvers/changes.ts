import { CAPABILITY_REQUIREMENT, MISSION, PLEDGE } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";

/** Pledges (with their steps), missions and capability requirements. */
export const peacekeepingFeed: ChangeFeedDefinition = {
  domain: "Peacekeeping",
  records: [
    { declaration: PLEDGE, entity: Pledge, description: "A pledge, with its status steps." },
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
