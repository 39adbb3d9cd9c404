export * from "./logger.js";
export * from "./metrics.js";
export * from "./orm-logger.js";
export * from "./plugins.js";
export * from "./refusals.js";
export * from "./request-id.js";
export * from "./service.js";
export * from "./tracing.js";
