export * from "./aggregate.js";
export * from "./authority.js";
export * from "./defaults.js";
export * from "./drafts.js";
export * from "./read.js";
export * from "./viewer.js";
export * from "./vocabulary.js";
export * from "./write.js";
