import { authenticate, TokenRejected, type Caller, type PartnerDirectory, type TokenVerifier } from "@concert/auth";
import { edgeSettingsFromEnv, HttpRefusal, maskErrors, queryLimits, serveGraphQL, unauthenticated, type EdgeSettings, type HealthEndpoints } from "@concert/edge";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { IncomingMessage } from "node:http";
import { SubgraphDataSource } from "./data-source.js";
import { CallerRateLimits } from "./rate-limit.js";

export interface GatewayContext {
  /** The caller's Authorization header, forwarded as is: every subgraph verifies it again. */
  authorization?: string;
  caller: Caller | null;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** URL of each subgraph by name (risk, peacekeeping, engagements). */
  subgraphUrls: Record<string, string>;
  verify: TokenVerifier;
  /** The partner registry: a token for a partner that is not active is refused here already. */
  directory: PartnerDirectory;
  port: number;
  /** The interface to listen on; `edge.gatewayHost` (every interface by default) when absent. */
  host?: string;
  development: boolean;
  /** Limits, rate limits and headers; the documented defaults when absent. */
  edge?: EdgeSettings;
  /** GET /healthz and /readyz. */
  health?: HealthEndpoints;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * The public entry point: verifies tokens (401 on a bad one), rate-limits callers, limits queries,
 * plans them against the committed supergraph and forwards the caller's token to the subgraphs.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const edge = options.edge ?? edgeSettingsFromEnv({}, options.development);
  const limits = queryLimits<GatewayContext>(edge.limits);
  const rateLimits = new CallerRateLimits(edge.rateLimit, edge.trustedProxies);
  const callers = new WeakMap<IncomingMessage, Caller | null>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SubgraphDataSource(name, url, edge.subgraphTimeoutMs);
    },
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.development,
    // The process owner stops every part in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !options.development,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: maskErrors((e) => console.error("[gateway]", e)),
    plugins: [
      limits.plugin,
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, contextValue }) {
              if (operation?.operation === "mutation" && !contextValue.caller) {
                throw unauthenticated("sign in to make changes: send `Authorization: Bearer <token>`", 401);
              }
            },
          };
        },
      },
    ],
  });
  const { url, stop } = await serveGraphQL(server, {
    name: "gateway",
    port: options.port,
    host: options.host ?? edge.gatewayHost,
    bodyLimitBytes: edge.bodyLimitBytes,
    headers: edge.headers,
    health: options.health,
    // Before the body is read: a flood costs a token check and a counter, nothing more.
    async admit(req) {
      let caller: Caller | null;
      try {
        caller = await authenticate(req.headers.authorization, options.verify, options.directory);
      } catch (err) {
        if (!(err instanceof TokenRejected)) throw err;
        await rateLimits.take(req, null);
        throw new HttpRefusal(401, "UNAUTHENTICATED", `Token rejected: ${err.message}`);
      }
      await rateLimits.take(req, caller ? `${caller.identity.issuer} ${caller.identity.subject}` : null);
      callers.set(req, caller);
    },
    context: async (req) => ({ authorization: req.headers.authorization, caller: callers.get(req) ?? null }),
  });
  return { url, stop };
}
