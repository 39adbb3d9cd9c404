export * from "./addresses.js";
export * from "./deliver.js";
export * from "./dev-receiver.js";
export * from "./secrets.js";
