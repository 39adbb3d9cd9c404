import type { PartnerDirectory } from "@concert/auth";
import { alertOwnerViewer, type Viewer } from "@concert/policy";
import type { Logger } from "@concert/telemetry";
import type { MikroORM } from "@mikro-orm/core";
import type { PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { AlertsSettings } from "../settings.js";

/** What the worker's modules share: the database, the settings, the registry and the log. */
export interface WorkerContext {
  orm: MikroORM<PostgreSqlDriver>;
  settings: AlertsSettings;
  directory: PartnerDirectory;
  log: Logger;
}

/** The viewer a rule is evaluated for: its owner as the registry has it now; null once the owner is no longer active. */
export async function ownerViewer(ctx: WorkerContext, partner: string, ruleId: string): Promise<Viewer | null> {
  const entry = await ctx.directory.lookup(partner);
  return entry ? alertOwnerViewer(entry, ruleId) : null;
}
