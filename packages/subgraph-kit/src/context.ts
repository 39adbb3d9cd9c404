import type { Viewer } from "@concert/policy";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { AuditTrail } from "./audit.js";
import type { Loaders } from "./loaders.js";

/** What every resolver of a subgraph receives for one request. */
export interface SubgraphContext {
  /** A fork of the subgraph's EntityManager, for this request only. */
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  audit: AuditTrail;
}
