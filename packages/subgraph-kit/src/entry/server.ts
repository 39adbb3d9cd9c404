// @concert/subgraph-kit/server: building, serving and running a subgraph (its module, schema, health, identity of callers, the kit's migrations).
import "reflect-metadata";

export * from "../context.js";
export * from "../federation.js";
export * from "../health.js";
export * from "../identify.js";
export * from "../kit-migration.js";
export * from "../run-subgraph.js";
export * from "../server.js";
export * from "../subgraph-module.js";
