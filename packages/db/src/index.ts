export { Migration } from "@mikro-orm/migrations";
export * from "./database-server.js";
export * from "./embedded-postgres.js";
export * from "./free-port.js";
export * from "./migrations.js";
export * from "./open-database.js";
export * from "./statement-counter.js";
