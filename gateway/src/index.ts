export * from "./console/index.js";
export * from "./gateway.js";
export * from "./rate-limit.js";
