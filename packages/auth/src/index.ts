export * from "./authenticate.js";
export { tokenCommand } from "./cli/token.js";
export * from "./dev-issuer.js";
export * from "./identity.js";
export * from "./issuers.js";
export * from "./partner-directory.js";
export * from "./service-issuer.js";
export * from "./system-issuers.js";
export * from "./verifier.js";
