import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureKeyPair, ensureServiceIssuer, signIssuerToken, type TokenRequest, type TrustedIssuer } from "@concert/auth";
import { DEFAULT_PORTS, envPrefix, type ServiceName, SUBGRAPH_NAMES } from "@concert/system";

/** The bench's identity provider: a partner's issuer as an operator lists it in CONCERT_ISSUERS. */
export const BENCH_ISSUER = "https://idp.bench.concert.invalid";

/** How the bench deploys Concert: each part's environment, and the bench issuer that signs its users' tokens. */
export interface Deployment {
  /** What `npm run serve` of `name` would be given: production mode, the bench issuer, keys, ports and URLs. */
  partEnvironment(name: ServiceName): Record<string, string>;
  signToken(request: TokenRequest): Promise<string>;
  /** The token issuers every part trusts (CONCERT_ISSUERS): the bench's identity provider. */
  issuers: TrustedIssuer[];
  /** `NODE_ENV` of every Concert part (recorded in the results as `options.nodeEnv`). */
  nodeEnv: "production";
}

/**
 * Concert as an operator deploys it (docs/operations.md): `NODE_ENV=production`, the users' identity provider in
 * CONCERT_ISSUERS trusted for the journeys' partners only, the service issuer's keys, and random change-feed and
 * alert-secret keys. No development issuer, introspection or suggestions: graphql-js runs without its development checks.
 */
export async function benchDeployment(
  workDir: string,
  serverUrl: string,
  ports: Record<ServiceName, number>,
  partners: string[],
): Promise<Deployment> {
  const idp = await ensureKeyPair(join(workDir, "bench-issuer"));
  const signingKey = JSON.parse(readFileSync(idp.privateKeyFile, "utf8"));
  const service = await ensureServiceIssuer(workDir);
  const issuers: TrustedIssuer[] = [{ issuer: BENCH_ISSUER, audience: "concert", jwksFile: idp.jwksFile, partners, algorithms: ["ES256"] }];
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}/graphql`;
  const common: Record<string, string> = {
    NODE_ENV: "production",
    CONCERT_DATA_DIR: workDir,
    HOST: "127.0.0.1",
    // Neither side pays for a log line per operation in the measurement; Hive Gateway runs with LOG_LEVEL=warn too.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    DATABASE_URL: serverUrl,
    CONCERT_ISSUERS: JSON.stringify(issuers),
    CONCERT_SERVICE_JWKS: JSON.stringify(service.jwks),
    CHANGE_FEED_KEY: randomBytes(32).toString("base64url"),
    ALERTS_SECRET_KEY: randomBytes(32).toString("base64"),
    // No journey makes an alert; following the feeds would only add the worker's polling to every measurement.
    ALERTS_FOLLOW_FEEDS: "0",
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_URL`, url(name)])),
  };
  return {
    nodeEnv: "production",
    issuers,
    partEnvironment: (name) => ({
      ...common,
      [`${envPrefix(name)}_PORT`]: String(ports[name] ?? DEFAULT_PORTS[name]),
      ...(name === "alerts" ? { CONCERT_SERVICE_KEY: JSON.stringify(service.privateKey) } : {}),
    }),
    signToken: (request) => signIssuerToken(signingKey, BENCH_ISSUER, request),
  };
}
