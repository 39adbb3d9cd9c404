import type { DirectoryBounds, RefreshingDirectory } from "@concert/auth";
import type { EntityClass, MikroORM } from "@mikro-orm/core";
import type { EntityManager, PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { GraphQLSchema } from "graphql";
import type { ChangeFeedDefinition } from "./change-feed/records.js";

export interface SeedOptions {
  /** Seed the flagged demo records too (`CONCERT_DEMO_DATA=1`; on for `npm start` and tests). */
  demo: boolean;
}

/** What a subgraph package exports so that the system can run it. */
export interface SubgraphModule {
  /** Short name: the database name, the schema file name, the port variable prefix. */
  name: string;
  entities: EntityClass<unknown>[];
  /** Folder of the compiled migrations, or folders applied in order: `withKitMigrations(folder)` when it has the kit's tables. */
  migrationsPath: string | readonly string[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Loads reference data, and the flagged demo data when `options.demo`; safe to run again. */
  seed(em: EntityManager, options: SeedOptions): Promise<void>;
  /** The records its change feed reports; every write of them is recorded (see `ChangeRecorder`). */
  changeFeed?: ChangeFeedDefinition;
  /** The subgraph that owns the partner registry answers from its own database. */
  /** `maxTokenLifetimeSeconds`: how long its revocations can matter (older ones are pruned). */
  localDirectory?(orm: MikroORM<PostgreSqlDriver>, bounds?: DirectoryBounds, maxTokenLifetimeSeconds?: number): RefreshingDirectory;
}
