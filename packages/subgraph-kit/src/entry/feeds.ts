// @concert/subgraph-kit/feeds: change feeds: the recorder, the entries, the feed resolver and its cursors.
import "reflect-metadata";

export * from "../change-feed/index.js";
