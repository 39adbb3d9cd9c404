import { ensureDevIssuer } from "./dev-issuer.js";
import { issuersFromEnv, type TrustedIssuer } from "./issuers.js";

/** True unless NODE_ENV=production: development mode trusts the local development issuer. */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== "production";
}

/** The issuers a running system trusts: the configured ones, plus the development issuer in development mode. */
export async function systemIssuers(
  dataDir: string,
  { env = process.env, development = isDevelopment(env) }: { env?: NodeJS.ProcessEnv; development?: boolean } = {},
): Promise<TrustedIssuer[]> {
  const configured = issuersFromEnv(env);
  return development ? [...configured, await ensureDevIssuer(dataDir)] : configured;
}
