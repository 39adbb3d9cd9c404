import "reflect-metadata";
import { accessLogResolver, AuditEntry, buildFederatedSchema, type SubgraphModule } from "@concert/subgraph-kit";
import { join } from "node:path";
import { CapabilityType } from "./entities/capability-type.js";
import { Mission } from "./entities/mission.js";
import { Pledge } from "./entities/pledge.js";
import { PledgingEvent } from "./entities/pledging-event.js";
import { referenceResolvers } from "./references.js";
import { CountryPeacekeepingResolver, PartnerPeacekeepingResolver } from "./resolvers/federated.js";
import { MissionResolver } from "./resolvers/mission.js";
import { PledgeResolver } from "./resolvers/pledge.js";
import { seedPeacekeeping } from "./seed/index.js";

/** UN peacekeeping missions, requirements and pledges from summit to deployment. */
export const peacekeepingSubgraph: SubgraphModule = {
  name: "peacekeeping",
  entities: [Mission, CapabilityType, PledgingEvent, Pledge, AuditEntry],
  migrationsPath: join(__dirname, "migrations"),
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [MissionResolver, PledgeResolver, CountryPeacekeepingResolver, PartnerPeacekeepingResolver, accessLogResolver("peacekeeping", "Peacekeeping")],
      referenceResolvers,
    }),
  seed: seedPeacekeeping,
};
