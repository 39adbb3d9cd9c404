import "reflect-metadata";

export * from "./config.js";
export * from "./start-system.js";
export * from "./subgraphs.js";
export * from "./supergraph.js";
