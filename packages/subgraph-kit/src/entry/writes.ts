// @concert/subgraph-kit/writes: changing records: loading the record to change, deciding and bounding the write, input checks, seeding.
import "reflect-metadata";

export * from "../bounds.js";
export * from "../record-to-change.js";
export * from "../seeding.js";
export * from "../validation.js";
export * from "../writes.js";
