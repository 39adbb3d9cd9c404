import "reflect-metadata";
export * from "./errors.js";
export * from "./enums.js";
export * from "./marked-record.js";
export * from "./audit.js";
export * from "./context.js";
export * from "./identify.js";
export * from "./loaders.js";
export * from "./pagination.js";
export {
  cachingDirectory,
  remoteDirectory,
  staticDirectory,
  subjectDigest,
  type DirectoryBounds,
  type DirectoryEntry,
  type DirectorySnapshot,
  type PartnerDirectory,
  type Revocation,
} from "@concert/auth";
export * from "./visibility.js";
export * from "./writes.js";
export * from "./federation.js";
export * from "./server.js";
export * from "./access-log.js";
export * from "./subgraph-module.js";
export * from "./run-subgraph.js";
export * from "./seeding.js";
export * from "./entity-loaders.js";
export * from "./authority.js";
export * from "./bounds.js";
export { REGISTRY_READ_LABEL } from "@concert/db";
export * from "./readable.js";
export * from "./validation.js";
export * from "./record-to-change.js";
export * from "./originator.js";
export * from "./health.js";
