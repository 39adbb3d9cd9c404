import "reflect-metadata";

export {
  cachingDirectory,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  type DirectoryBounds,
  type DirectoryEntry,
  type DirectorySnapshot,
  type PartnerDirectory,
  type Revocation,
  remoteDirectory,
  revocationCutoff,
  staticDirectory,
  subjectDigest,
} from "@concert/auth";
export { REGISTRY_READ_LABEL } from "@concert/db";
export * from "./access-log.js";
export * from "./audience.js";
export * from "./audit.js";
export * from "./authority.js";
export * from "./bounds.js";
export * from "./change-feed/index.js";
export * from "./compiled-query.js";
export * from "./context.js";
export * from "./entity-loaders.js";
export * from "./enums.js";
export * from "./errors.js";
export * from "./federation.js";
export * from "./health.js";
export * from "./identify.js";
export * from "./kit-migration.js";
export * from "./loaders.js";
export * from "./marked-record.js";
export * from "./originator.js";
export * from "./pagination.js";
export * from "./plain-rows.js";
export * from "./read-settings.js";
export * from "./readable.js";
export * from "./record-to-change.js";
export * from "./reference-cache.js";
export * from "./run-subgraph.js";
export * from "./seeding.js";
export * from "./selection.js";
export * from "./server.js";
export * from "./subgraph-module.js";
export * from "./updated-since.js";
export * from "./validation.js";
export * from "./visibility.js";
export * from "./write-flow.js";
export * from "./writes.js";
