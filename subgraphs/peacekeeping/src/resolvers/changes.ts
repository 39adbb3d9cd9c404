import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";

/** Missions and requirements are the UN's public planning record: everyone reads them. */
const UN_PUBLIC = () => ({ marking: "PUBLIC" as const, releasableTo: [], originator: "UN" });

/** Pledges (with their steps), missions and capability requirements. */
export const peacekeepingFeed: ChangeFeedDefinition = {
  domain: "Peacekeeping",
  records: [
    { type: "PLEDGE", entity: Pledge, description: "A pledge, with its status steps." },
    { type: "MISSION", entity: Mission, key: "acronym", audience: UN_PUBLIC, description: "A peacekeeping mission (id: its acronym)." },
    {
      type: "CAPABILITY_REQUIREMENT",
      entity: CapabilityRequirement,
      audience: UN_PUBLIC,
      description: "What a mission requires of a capability type.",
    },
  ],
  children: [{ entity: PledgeTransition, parent: (t) => t.pledge }],
};

export const PeacekeepingChangesResolver = changeFeedResolver(peacekeepingFeed);
