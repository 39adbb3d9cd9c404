import "reflect-metadata";

export * from "./config/index.js";
export * from "./data-dir-lock.js";
export * from "./migrate.js";
export * from "./serve.js";
export * from "./start-system.js";
export * from "./subgraphs.js";
export * from "./supergraph.js";
export * from "./supervisor.js";
