import { authenticate, TokenRejected, type Caller, type PartnerDirectory, type TokenVerifier } from "@concert/auth";
import { decideOperation } from "@concert/policy";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DEFAULT_LIMITS, queryLimitsRule, type QueryLimits } from "./limits.js";

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
  host?: string;
  development: boolean;
  limits?: QueryLimits;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>["fetcher"];

class AuthorizedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
  }
}

const SAFE_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE"]);

/** Keeps the subgraphs' deliberate errors and masks anything else, wherever it came from; the operator sees the cause. */
function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && SAFE_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error("[gateway]", error instanceof GraphQLError ? (error.originalError ?? error) : error);
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * The public entry point: verifies tokens (401 on a bad one), limits queries, plans them against
 * the committed supergraph and forwards the caller's token to the subgraphs.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      // Node's own fetch closes a pooled connection before the subgraph's keep-alive timeout ends (it reads the
      // Keep-Alive header). The default agent kept idle sockets forever and, when a slow fetch left one idle for
      // 5 s, reused it as the subgraph closed it: "socket hang up" and ECONNRESET under load.
      return new AuthorizedDataSource({ url, fetcher: fetch as unknown as Fetcher });
    },
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.development,
    // The process owner stops every part in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !options.development,
    validationRules: [queryLimitsRule(options.limits ?? DEFAULT_LIMITS)],
    formatError: maskError,
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, contextValue }) {
              if (!decideOperation(operation?.operation, contextValue.caller !== null).allowed) {
                throw unauthenticated("sign in to make changes: send `Authorization: Bearer <token>`");
              }
            },
          };
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port, host: options.host },
    context: async ({ req }) => {
      const authorization = req.headers.authorization;
      try {
        return { authorization, caller: await authenticate(authorization, options.verify, options.directory) };
      } catch (err) {
        if (err instanceof TokenRejected) throw unauthenticated(`Token rejected: ${err.message}`);
        throw err;
      }
    },
  });
  return { url, stop: () => server.stop() };
}
