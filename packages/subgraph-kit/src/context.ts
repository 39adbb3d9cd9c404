import type { PartnerDirectory } from "@concert/auth";
import type { Viewer } from "@concert/policy";
import type { Logger, Metrics } from "@concert/telemetry";
import { type IWrappedEntity, type Reference, wrap as wrapEntity } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { AuditTrail } from "./audit.js";
import type { ChangeFeedSettings } from "./change-feed/settings.js";
import type { Loaders } from "./loaders.js";
import type { plainRowMark } from "./plain-rows.js";

/** What a plain row (`PlainRowMark`), or a list of them, is not. */
interface NotPlain {
  readonly [plainRowMark]?: never;
  readonly [Symbol.iterator]?: () => Iterator<NotPlain>;
}

/**
 * A request's EntityManager: MikroORM's, except that `persist` refuses a plain row (`PlainRow`) at compile time, in
 * the request's transactions too (`transaction`, `em.transactional` and `em.fork()` hand the same type). A plain row
 * passes `instanceof` its entity, so MikroORM itself would take it as a new entity and insert a copy. (`assign` cannot be
 * narrowed so: TypeScript cannot relate MikroORM's `assign` signature even to an identical copy of itself, so no
 * interface that overrides it is still an EntityManager; subgraphs' lint refuses `em.assign`, lint/no-entity-manager-assign.grit,
 * and they assign with the kit's `wrap(entity).assign(data)`.)
 */
export interface RequestEntityManager extends EntityManager {
  persist<Entity extends object>(entity: (Entity & NotPlain) | Reference<Entity> | Iterable<(Entity & NotPlain) | Reference<Entity>>): this;
}

/**
 * MikroORM's `wrap`, for entities only: a plain row is refused at compile time (MikroORM's own takes any object, and
 * subgraphs import this one; biome.jsonc forbids theirs).
 */
export function wrap<T extends object>(entity: T & NotPlain): IWrappedEntity<T> {
  return wrapEntity(entity);
}

/** What every resolver of a subgraph receives for one request. */
export interface SubgraphContext {
  /** A fork of the subgraph's EntityManager, for this request only. */
  em: RequestEntityManager;
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
