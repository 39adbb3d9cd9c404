import { ensureDevIssuer } from "./dev-issuer.js";
import type { TrustedIssuer } from "./issuers.js";

/** The issuers a running system trusts: the configured ones, plus the development issuer in development mode. */
export async function systemIssuers(
  dataDir: string,
  { configured, development }: { configured: TrustedIssuer[]; development: boolean },
): Promise<TrustedIssuer[]> {
  return development ? [...configured, await ensureDevIssuer(dataDir)] : configured;
}
