import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

/** A fresh signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Reads a 32-byte key written in base64 (64 hex digits are accepted too); throws a message naming `name`. */
export function parseSecretKey(raw: string, name: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, written in base64 (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/** Development: the key in `file`, created (32 random bytes, mode 600) on first use. */
export function ensureSecretKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return parseSecretKey(readFileSync(file, "utf8").trim(), file);
}

/** Encrypts a secret for storage (AES-256-GCM, a fresh nonce each time): `v1.<nonce>.<tag>.<ciphertext>`. */
export function sealSecret(key: Buffer, secret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, nonce);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Decrypts what `sealSecret` stored; throws when the key is wrong or the value was altered. */
export function openSecret(key: Buffer, sealed: string): string {
  const [version, nonce, tag, data] = sealed.split(".");
  if (version !== VERSION || !nonce || !tag || data === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
