export * from "./addresses.js";
export * from "./deliver.js";
export * from "./secrets.js";
