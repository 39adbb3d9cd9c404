// @concert/subgraph-kit/reads: reading: compiled and plain reads and their settings, readable pages and loaders, pagination, selections, reference data, answers kept until their data changes.
import "reflect-metadata";

export * from "../compiled-query.js";
export * from "../entity-loaders.js";
export * from "../loaders.js";
export * from "../pagination.js";
export * from "../plain-rows.js";
export * from "../read-settings.js";
export * from "../readable.js";
export * from "../reference-cache.js";
export * from "../selection.js";
export * from "../until-changed.js";
export * from "../updated-since.js";
