// The harness for tests only (`@concert/system/testing`): production code imports `@concert/system`, which has none of it.
import "reflect-metadata";

export * from "./database.js";
export * from "./logs.js";
export * from "./response.js";
export * from "./subgraph.js";
export * from "./system.js";
