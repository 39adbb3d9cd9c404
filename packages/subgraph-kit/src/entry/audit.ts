// @concert/subgraph-kit/audit: the audit trail and the access log.
import "reflect-metadata";

export * from "../access-log.js";
export * from "../audit.js";
