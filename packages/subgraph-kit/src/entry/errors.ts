// @concert/subgraph-kit/errors: the GraphQL errors every subgraph answers with (from @concert/edge, shared with the gateway).
import "reflect-metadata";

export * from "../errors.js";
