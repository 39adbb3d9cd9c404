import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair } from "jose";

/** Where a development key pair lives: `signing-key.json` (private JWK) and `jwks.json` (the public set). */
export function keyPairFiles(dir: string): { dir: string; privateKeyFile: string; jwksFile: string } {
  return { dir, privateKeyFile: join(dir, "signing-key.json"), jwksFile: join(dir, "jwks.json") };
}

/**
 * Creates an ES256 key pair in `dir` on first use (the private key mode 600); a process that loses the race to
 * create it keeps the winner's. Development only: production keys come from configuration.
 */
export async function ensureKeyPair(dir: string, alg = "ES256"): Promise<ReturnType<typeof keyPairFiles>> {
  const files = keyPairFiles(dir);
  if (existsSync(files.privateKeyFile)) return files;
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const priv = { ...(await exportJWK(privateKey)), kid, alg };
  const pub = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  try {
    writeFileSync(files.privateKeyFile, JSON.stringify(priv), { flag: "wx", mode: 0o600 });
    writeFileSync(files.jwksFile, JSON.stringify({ keys: [pub] }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return files;
}
