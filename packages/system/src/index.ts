import "reflect-metadata";

export * from "./authority-config.js";
export * from "./config.js";
export * from "./start-system.js";
export * from "./subgraphs.js";
export * from "./supergraph.js";
