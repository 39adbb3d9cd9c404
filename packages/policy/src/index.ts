export * from "./vocabulary.js";
export * from "./viewer.js";
export * from "./read.js";
export * from "./write.js";
export * from "./authority.js";
export * from "./aggregate.js";
export * from "./drafts.js";
export * from "./defaults.js";
