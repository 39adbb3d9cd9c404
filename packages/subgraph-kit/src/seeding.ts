import { createHash } from "node:crypto";
import type { EntityName } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/** A stable UUID for a seeded record, so that seeding twice finds the same record. */
export function seedId(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Inserts rows whose key is not there yet and leaves existing ones (possibly edited since) alone. */
export async function insertMissing<T extends object>(em: EntityManager, entity: EntityName<T>, rows: Partial<T>[]): Promise<void> {
  if (rows.length === 0) return;
  await em
    .createQueryBuilder(entity)
    .insert(rows as never)
    .onConflict()
    .ignore()
    .execute();
}
