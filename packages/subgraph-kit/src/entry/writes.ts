// @concert/subgraph-kit/writes: changing records: the write flow, loading the record to change, deciding and bounding the write, input checks, seeding.
import "reflect-metadata";

export * from "../bounds.js";
export * from "../record-to-change.js";
export * from "../seeding.js";
export * from "../validation.js";
export * from "../write-flow.js";
export * from "../writes.js";
