import "reflect-metadata";
export * from "./config.js";
export * from "./authority-config.js";
export * from "./subgraphs.js";
export * from "./supergraph.js";
export * from "./start-system.js";
export * from "./test-system.js";
export * from "./test-subgraph.js";
