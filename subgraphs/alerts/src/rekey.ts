import { openSecret, sealSecret } from "@concert/webhooks";

/** The part of a PostgreSQL client (`pg.Client`) that re-keying uses: one connection, so one transaction. */
export interface SqlClient {
  query<R extends object>(sql: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface RekeyOutcome {
  /** Secrets re-sealed under the new key. */
  resealed: number;
  /** Secrets already sealed under the new key (a repeated run, or a rule written since by a service with the new key). */
  unchanged: number;
}

/** Some secret opens under neither key: nothing was changed. */
export class RekeyRefused extends Error {
  override readonly name = "RekeyRefused";
}

/**
 * Re-seals every rule's signing secret under `secretKey` (`npm run alerts:rekey`), in one transaction: every rule is
 * locked, and either all are re-sealed or none is. The secrets themselves stay as they are, so receivers notice
 * nothing. A run may be repeated: a secret that already opens under the new key is left alone.
 */
export async function rekeyRuleSecrets(client: SqlClient, previousKey: Buffer, secretKey: Buffer): Promise<RekeyOutcome> {
  await client.query("begin");
  try {
    const { rows } = await client.query<{ id: string; secret: string }>("select id, secret from alert_rule order by id for update");
    const ids: string[] = [];
    const sealed: string[] = [];
    const unreadable: string[] = [];
    let unchanged = 0;
    for (const rule of rows) {
      const plain = tryOpen(previousKey, rule.secret);
      if (plain !== null) {
        ids.push(rule.id);
        sealed.push(sealSecret(secretKey, plain));
      } else if (tryOpen(secretKey, rule.secret) !== null) unchanged++;
      else unreadable.push(rule.id);
    }
    if (unreadable.length > 0) {
      throw new RekeyRefused(
        `${unreadable.length} rule secret(s) open under neither key (rules ${unreadable.slice(0, 10).join(", ")}${unreadable.length > 10 ? ", …" : ""}); nothing was changed`,
      );
    }
    if (ids.length > 0) {
      await client.query(
        "update alert_rule set secret = v.secret from unnest($1::uuid[], $2::text[]) as v(id, secret) where alert_rule.id = v.id",
        [ids, sealed],
      );
    }
    await client.query("commit");
    return { resealed: ids.length, unchanged };
  } catch (err) {
    await client.query("rollback");
    throw err;
  }
}

function tryOpen(key: Buffer, sealed: string): string | null {
  try {
    return openSecret(key, sealed);
  } catch {
    return null;
  }
}
