export * from "./gateway.js";
export * from "./limits.js";
