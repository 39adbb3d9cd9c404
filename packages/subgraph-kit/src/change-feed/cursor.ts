import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Where a reader stands in a feed, and for whom and where it was issued. Signed, so a client cannot forge one. */
export interface FeedCursor {
  /** Writing transaction (xid8, as text) and position of the last entry read; "0" and "0" before the first. */
  xid: string;
  position: string;
  /** Fingerprint of the reader's access when it was issued. */
  access: string;
  /** The database's epoch. */
  epoch: string;
  /** Issued at (ms since 1970). */
  issuedAt: number;
  /** The record types the reader follows, sorted; empty for all. */
  types: string[];
}

/** A hash of what decides a reader's access (partner, kind, sorted groups): when it changes, so may what it may read. */
export function accessFingerprint(access: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(access)).digest("base64url").slice(0, 22);
}

const mac = (key: string, payload: string) => createHmac("sha256", key).update(payload).digest();

export function signCursor(cursor: FeedCursor, key: string): string {
  const payload = Buffer.from(
    JSON.stringify([1, cursor.xid, cursor.position, cursor.access, cursor.epoch, cursor.issuedAt, cursor.types]),
  ).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

const DIGITS = /^\d{1,20}$/;

/** The cursor if its signature is this key's and its contents well-formed; null otherwise (forged, damaged, another key's). */
export function verifyCursor(text: string, key: string): FeedCursor | null {
  if (text.length > 2048) return null;
  const [payload, signature, extra] = text.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [v, xid, position, access, epoch, issuedAt, types] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown[];
    if (v !== 1 || typeof xid !== "string" || !DIGITS.test(xid) || typeof position !== "string" || !DIGITS.test(position)) return null;
    if (typeof access !== "string" || typeof epoch !== "string" || typeof issuedAt !== "number" || !Array.isArray(types)) return null;
    if (!types.every((t) => typeof t === "string")) return null;
    return { xid, position, access, epoch, issuedAt, types: types as string[] };
  } catch {
    return null;
  }
}
