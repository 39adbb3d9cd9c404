export * from "./auth.js";
export * from "./downloads.js";
export * from "./oidc.js";
export * from "./persisted.js";
export * from "./personas.js";
export * from "./routes.js";
export * from "./sessions.js";
export * from "./static.js";
