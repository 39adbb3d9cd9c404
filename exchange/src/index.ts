export * from "./collections.js";
export * from "./csv.js";
export * from "./server.js";
export * from "./stix/extension.js";
export * from "./stix/ids.js";
export * from "./stix/mapping.js";
export * from "./stix/markings.js";
export * from "./taxii.js";
