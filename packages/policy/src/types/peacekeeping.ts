import { MIN_UNREADABLE_IN_AGGREGATE } from "../aggregate.js";
import { declareMarkedType, type MarkedType } from "../marked-type.js";

/** The UN's public planning record (missions, requirements, deployments): everyone reads it. */
const UN_PUBLIC = { fixed: { marking: "PUBLIC", releasableTo: [], originator: "UN" } } as const;

/**
 * A pledge: its unit details have their own marking; it is counted in totals and gaps by whoever its aggregate
 * marking reaches, with a group's unreadable part shown only when it rests on enough pledges.
 */
export const PLEDGE: MarkedType = declareMarkedType({
  type: "Pledge",
  fields: { unitDetails: { marking: "unitDetailsMarking", releasableTo: "unitDetailsReleasableTo" } },
  aggregate: { marking: "aggregateMarking", minUnreadable: MIN_UNREADABLE_IN_AGGREGATE },
});

export const MISSION: MarkedType = declareMarkedType({ type: "Mission", key: "acronym", marking: UN_PUBLIC });
export const CAPABILITY_REQUIREMENT: MarkedType = declareMarkedType({ type: "CapabilityRequirement", marking: UN_PUBLIC });
export const DEPLOYMENT_SNAPSHOT: MarkedType = declareMarkedType({ type: "DeploymentSnapshot", marking: UN_PUBLIC });
