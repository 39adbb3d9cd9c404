import { PLEDGE, PLEDGE_CAVEAT, VERIFICATION_VISIT } from "@concert/policy";
import "reflect-metadata";
import { join } from "node:path";
import { audienceResolver, originatorResolver, partnerReference } from "@concert/subgraph-kit/access";
import { AuditEntry, accessLogResolver } from "@concert/subgraph-kit/audit";
import { ChangeEntry, ChangeFeedEpoch } from "@concert/subgraph-kit/feeds";
import { buildFederatedSchema, type SubgraphModule, withKitMigrations } from "@concert/subgraph-kit/server";
import { CapabilityRequirement } from "./entities/capability-requirement.js";
import { CapabilityType } from "./entities/capability-type.js";
import { DeploymentSnapshot } from "./entities/deployment-snapshot.js";
import { Partner } from "./entities/federated.js";
import { GenderParityTarget } from "./entities/gender-parity-target.js";
import { Mission } from "./entities/mission.js";
import { Pledge } from "./entities/pledge.js";
import { PledgeCaveat } from "./entities/pledge-caveat.js";
import { PledgeTransition } from "./entities/pledge-transition.js";
import { PledgingEvent } from "./entities/pledging-event.js";
import { VerificationVisit } from "./entities/verification-visit.js";
import { CapabilityGapResolver, PipelineResolver, PledgingEventResolver } from "./resolvers/analysis.js";
import { PeacekeepingChangesResolver, peacekeepingFeed } from "./resolvers/changes.js";
import { DeploymentSnapshotResolver } from "./resolvers/deployment.js";
import { PledgeCaveatResolver, PledgeEvidenceResolver, VerificationVisitResolver } from "./resolvers/evidence.js";
import { CountryPeacekeepingResolver, PartnerPeacekeepingResolver } from "./resolvers/federated.js";
import { MissionResolver } from "./resolvers/mission.js";
import { PlanningMutationResolver } from "./resolvers/planning-mutations.js";
import { PledgeResolver, PledgeTransitionResolver } from "./resolvers/pledge.js";
import { PledgeMutationResolver } from "./resolvers/pledge-mutations.js";
import { PartnerWomenShareResolver, PledgeFunnelResolver, RotationResolver, WomenShareResolver } from "./resolvers/readiness.js";
import { referenceResolvers } from "./resolvers/references.js";
import { CapabilityRequirementResolver } from "./resolvers/requirement.js";
import { seedPeacekeeping } from "./seed/index.js";

/** UN peacekeeping missions, requirements and pledges from summit to deployment. */
export const peacekeepingSubgraph: SubgraphModule = {
  name: "peacekeeping",
  entities: [
    Mission,
    CapabilityType,
    CapabilityRequirement,
    PledgingEvent,
    Pledge,
    PledgeTransition,
    DeploymentSnapshot,
    VerificationVisit,
    PledgeCaveat,
    GenderParityTarget,
    AuditEntry,
    ChangeEntry,
    ChangeFeedEpoch,
  ],
  migrationsPath: withKitMigrations(join(__dirname, "migrations")),
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        MissionResolver,
        CapabilityRequirementResolver,
        DeploymentSnapshotResolver,
        PledgeResolver,
        PledgeTransitionResolver,
        PledgingEventResolver,
        PipelineResolver,
        CapabilityGapResolver,
        PledgeMutationResolver,
        PlanningMutationResolver,
        CountryPeacekeepingResolver,
        PartnerPeacekeepingResolver,
        originatorResolver(Pledge, Partner, partnerReference),
        audienceResolver(Pledge, PLEDGE, Partner, partnerReference),
        VerificationVisitResolver,
        PledgeCaveatResolver,
        PledgeEvidenceResolver,
        RotationResolver,
        PledgeFunnelResolver,
        WomenShareResolver,
        PartnerWomenShareResolver,
        originatorResolver(VerificationVisit, Partner, partnerReference),
        audienceResolver(VerificationVisit, VERIFICATION_VISIT, Partner, partnerReference),
        originatorResolver(PledgeCaveat, Partner, partnerReference),
        audienceResolver(PledgeCaveat, PLEDGE_CAVEAT, Partner, partnerReference),
        accessLogResolver("peacekeeping", "Peacekeeping"),
        PeacekeepingChangesResolver,
      ],
      referenceResolvers,
    }),
  changeFeed: peacekeepingFeed,
  seed: seedPeacekeeping,
};

export { PledgeStatus, Readiness } from "./entities/enums.js";
export { isFinal, NEXT_STATUSES, transitionRefusal } from "./writes/transitions.js";
