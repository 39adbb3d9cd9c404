import type { SeedOptions } from "@concert/subgraph-kit/server";
import type { EntityManager } from "@mikro-orm/postgresql";

/** Alerts has no reference data, and no demonstration rules: a rule names a real receiver and holds a secret shown once. */
export async function seedAlerts(_em: EntityManager, _options: SeedOptions): Promise<void> {}
