import type { PartnerDirectory } from "@concert/auth";
import type { Viewer } from "@concert/policy";
import type { Logger, Metrics } from "@concert/telemetry";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { AuditTrail } from "./audit.js";
import type { ChangeFeedSettings } from "./change-feed/settings.js";
import type { Loaders } from "./loaders.js";

/** What every resolver of a subgraph receives for one request. */
export interface SubgraphContext {
  /** A fork of the subgraph's EntityManager, for this request only. */
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  audit: AuditTrail;
  /** This request's logger: its lines carry the request id the gateway forwarded, and the caller. */
  log: Logger;
  /** The subgraph's metrics, e.g. for policy decisions. */
  metrics: Metrics;
  /** The partner registry the caller was identified with (a bounded copy); e.g. whom a record's audience is drawn from. */
  directory: PartnerDirectory;
  /** How the change feed signs cursors and how long it keeps entries. */
  changeFeed?: ChangeFeedSettings;
}
