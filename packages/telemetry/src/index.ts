export * from "./logger.js";
export * from "./orm-logger.js";
export * from "./request-id.js";
export * from "./metrics.js";
export * from "./plugins.js";
export * from "./tracing.js";
export * from "./service.js";
