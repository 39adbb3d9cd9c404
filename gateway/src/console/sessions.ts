import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import {
  connectDatabase,
  type DatabaseTimeouts,
  MigrationsBehind,
  migrateDatabase,
  type Database as OpenDatabase,
  pendingMigrations,
  withMigrationLock,
} from "@concert/db";
import { openSecret, sealSecret } from "@concert/webhooks";
import { type EntityClass, EntitySchema } from "@mikro-orm/core";

/** Where the gateway keeps console sessions: its own database, shared by every replica. */
export interface SessionDatabase {
  serverUrl: string;
  dbName: string;
}

/** A console session as stored: the id only as its hash, the token sealed with the sessions' key. */
interface SessionRow {
  idHash: string;
  subject: string;
  partner: string;
  partnerName: string;
  roles: string[];
  persona: string | null;
  token: string;
  createdAt: Date;
  expiresAt: Date;
  provider: string | null;
  refreshToken: string | null;
  idToken: string | null;
  tokenExpiresAt: Date | null;
}

const ConsoleSession = new EntitySchema<SessionRow>({
  name: "ConsoleSession",
  tableName: "console_session",
  properties: {
    idHash: { type: "string", primary: true, columnType: "char(64)" },
    subject: { type: "text" },
    partner: { type: "string", length: 32 },
    partnerName: { type: "text" },
    roles: { type: "json" },
    persona: { type: "string", length: 64, nullable: true },
    token: { type: "text" },
    createdAt: { type: "Date", columnType: "timestamptz" },
    expiresAt: { type: "Date", columnType: "timestamptz", index: true },
    provider: { type: "string", length: 64, nullable: true },
    refreshToken: { type: "text", nullable: true },
    idToken: { type: "text", nullable: true },
    tokenExpiresAt: { type: "Date", columnType: "timestamptz", nullable: true },
  },
});

/** What a session says about its person, and the token the gateway forwards for them. */
export interface ConsoleSessionData {
  subject: string;
  partner: string;
  partnerName: string;
  roles: string[];
  /** The demo persona of a development sign-in; null for a person signed in through an identity provider. */
  persona: string | null;
  /** The bearer token forwarded to the subgraphs, exactly as a Bearer caller's. */
  token: string;
  expiresAt: Date;
  /** Signed in through this identity provider (its sign-in id), with these tokens; absent for development sign-in. */
  provider?: string | null;
  refreshToken?: string | null;
  idToken?: string | null;
  /** When `token` expires: it is refreshed shortly before. */
  tokenExpiresAt?: Date | null;
  /** When the session was opened (a revocation of its person after this ends it). */
  createdAt?: Date;
}

const MIGRATIONS_PATH = join(__dirname, "migrations");
// MikroORM takes schemas where it takes classes; its option type names classes only.
const ENTITIES = [ConsoleSession] as unknown as EntityClass<unknown>[];

/** The random id a cookie carries: 32 bytes, base64url. */
const newSessionId = () => randomBytes(32).toString("base64url");
const hashOf = (id: string) => createHash("sha256").update(id).digest("hex");
/** An id the gateway issued has this form; anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Creates the gateway's database if missing and applies its migrations (under the server's migration lock). */
export async function migrateSessionDatabase(db: SessionDatabase): Promise<string[]> {
  return withMigrationLock(db.serverUrl, () =>
    migrateDatabase({ serverUrl: db.serverUrl, dbName: db.dbName, entities: ENTITIES, migrationsPath: MIGRATIONS_PATH }),
  );
}

/**
 * Console sessions in PostgreSQL, so that any gateway replica serves any session. The browser's cookie holds a random
 * id; the table holds its SHA-256 and the session's token sealed (AES-256-GCM, as alert secrets are).
 */
export class SessionStore {
  private pruning?: NodeJS.Timeout;

  private constructor(
    private readonly db: OpenDatabase,
    private readonly key: Buffer,
  ) {}

  /**
   * Connects to the sessions' database. `migrate`: bring it up to date first (development); otherwise a database behind
   * the code is refused (`npm run migrate` migrates it in production).
   */
  static async open(
    database: SessionDatabase,
    options: { key: Buffer; migrate: boolean; timeouts?: DatabaseTimeouts; pruneEveryMs?: number },
  ): Promise<SessionStore> {
    if (options.migrate) await migrateSessionDatabase(database);
    const db = await connectDatabase({ ...database, entities: ENTITIES, migrationsPath: MIGRATIONS_PATH, timeouts: options.timeouts });
    const pending = await pendingMigrations(db.orm);
    if (pending.length > 0) {
      await db.close();
      throw new MigrationsBehind(database.dbName, pending);
    }
    const store = new SessionStore(db, options.key);
    await store.prune();
    const every = options.pruneEveryMs ?? 10 * 60_000;
    store.pruning = setInterval(() => void store.prune().catch(() => undefined), every);
    store.pruning.unref();
    return store;
  }

  /** Opens a session; returns the id for the cookie (never stored). */
  async create(data: ConsoleSessionData): Promise<string> {
    const id = newSessionId();
    const em = this.db.orm.em.fork();
    await em.insert(ConsoleSession, {
      idHash: hashOf(id),
      subject: data.subject,
      partner: data.partner,
      partnerName: data.partnerName,
      roles: data.roles,
      persona: data.persona,
      token: sealSecret(this.key, data.token),
      createdAt: new Date(),
      expiresAt: data.expiresAt,
      provider: data.provider ?? null,
      refreshToken: data.refreshToken ? sealSecret(this.key, data.refreshToken) : null,
      idToken: data.idToken ? sealSecret(this.key, data.idToken) : null,
      tokenExpiresAt: data.tokenExpiresAt ?? null,
    });
    return id;
  }

  /** Keeps a refreshed token (and the provider's new refresh token, if it rotated it). */
  async refreshed(id: string, tokens: { token: string; refreshToken?: string | null; tokenExpiresAt: Date | null }): Promise<void> {
    await this.db.orm.em.fork().nativeUpdate(
      ConsoleSession,
      { idHash: hashOf(id) },
      {
        token: sealSecret(this.key, tokens.token),
        ...(tokens.refreshToken ? { refreshToken: sealSecret(this.key, tokens.refreshToken) } : {}),
        tokenExpiresAt: tokens.tokenExpiresAt,
      },
    );
  }

  /** Seals a value with the sessions' key (the sign-in flow's state cookie). */
  seal(value: string): string {
    return sealSecret(this.key, value);
  }

  /** Opens what `seal` sealed; null when it was altered or sealed with another key. */
  unseal(sealed: string): string | null {
    try {
      return openSecret(this.key, sealed);
    } catch {
      return null;
    }
  }

  /** The live session of a cookie's id, or null (unknown, malformed or expired). */
  async find(id: string): Promise<ConsoleSessionData | null> {
    if (!SESSION_ID.test(id)) return null;
    const em = this.db.orm.em.fork();
    const row = await em.findOne(ConsoleSession, { idHash: hashOf(id), expiresAt: { $gt: new Date() } });
    if (!row) return null;
    return {
      subject: row.subject,
      partner: row.partner,
      partnerName: row.partnerName,
      roles: row.roles,
      persona: row.persona,
      token: openSecret(this.key, row.token),
      expiresAt: row.expiresAt,
      provider: row.provider,
      refreshToken: row.refreshToken ? openSecret(this.key, row.refreshToken) : null,
      idToken: row.idToken ? openSecret(this.key, row.idToken) : null,
      tokenExpiresAt: row.tokenExpiresAt,
      createdAt: row.createdAt,
    };
  }

  /** Ends a session (sign-out). */
  async delete(id: string): Promise<void> {
    if (!SESSION_ID.test(id)) return;
    await this.db.orm.em.fork().nativeDelete(ConsoleSession, { idHash: hashOf(id) });
  }

  /** Deletes expired sessions; returns how many. */
  async prune(): Promise<number> {
    return this.db.orm.em.fork().nativeDelete(ConsoleSession, { expiresAt: { $lte: new Date() } });
  }

  /** For `/readyz`: the database answers. */
  async check(): Promise<void> {
    await this.db.orm.em.getConnection().execute("select 1");
  }

  /** Rows in the table, expired or not (tests: pruning). */
  async count(): Promise<number> {
    return this.db.orm.em.fork().count(ConsoleSession, {});
  }

  /** The stored row of a session id as is (tests: only the hash and the sealed token are stored). */
  async storedRow(id: string): Promise<Record<string, unknown> | null> {
    const rows = await this.db.orm.em.getConnection().execute("select * from console_session where id_hash = ?", [hashOf(id)]);
    return (rows[0] as Record<string, unknown> | undefined) ?? null;
  }

  async close(): Promise<void> {
    clearInterval(this.pruning);
    await this.db.close();
  }
}
