// @concert/subgraph-kit/access: who may read or change a marked record: enforcing the policy, served rows and parts, audience, originator, markings.
import "reflect-metadata";

export * from "../audience.js";
export * from "../authority.js";
export * from "../enums.js";
export * from "../marked-record.js";
export * from "../originator.js";
export * from "../visibility.js";
