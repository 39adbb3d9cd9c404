import { ensureDevIssuer } from "./dev-issuer.js";
import { issuersFromEnv, type TrustedIssuer } from "./issuers.js";

/** True unless NODE_ENV=production: development mode trusts the local development issuer. */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== "production";
}

/** The issuers a running system trusts: the configured ones, plus the development issuer in development mode. */
export async function systemIssuers(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TrustedIssuer[]> {
  const configured = issuersFromEnv(env);
  return isDevelopment(env) ? [...configured, await ensureDevIssuer(dataDir)] : configured;
}
