export * from "./admission.js";
export * from "./errors.js";
export * from "./http.js";
export * from "./limits.js";
export * from "./settings.js";
