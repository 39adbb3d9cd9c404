export * from "./gateway.js";
export * from "./rate-limit.js";
