import type { IncomingMessage } from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { authenticate, type Caller, type PartnerDirectory, registryDeadline, TokenRejected, type TokenVerifier } from "@concert/auth";
import type { HttpRoute } from "@concert/edge";
import {
  type EdgeSettings,
  forbidden,
  type HealthEndpoints,
  HttpRefusal,
  isUnavailable,
  maskErrors,
  operationGuard,
  queryLimits,
  serveGraphQL,
  unavailableRefusal,
} from "@concert/edge";
import { ideHandler } from "@concert/ide";
import { decideOperation } from "@concert/policy";
import {
  createLogger,
  type LogDestination,
  type Logger,
  metricsRoute,
  outcomeOf,
  REQUEST_ID_HEADER,
  RefusalLog,
  requestIdFrom,
  requestLogger,
  responseRequestId,
  serviceTelemetry,
} from "@concert/telemetry";
import {
  ConsoleAuth,
  type ConsoleSessionData,
  consoleRoutes,
  OidcProviders,
  PersistedDocuments,
  type SessionStore,
  type SignInProvider,
} from "./console/index.js";
import { SubgraphDataSource } from "./data-source.js";
import { IDE_EXAMPLES } from "./ide-examples.js";
import { CallerRateLimits } from "./rate-limit.js";
import { subgraphAgent } from "./subgraph-client.js";

export interface GatewayContext {
  /** The caller's Authorization header, forwarded as is: every subgraph verifies it again. */
  authorization?: string;
  caller: Caller | null;
  /** The console session the request was signed in by (its cookie), or null: such callers may run only manifest documents. */
  session: ConsoleSessionData | null;
  /** Forwarded to every subgraph, so that their log lines carry it too. */
  requestId: string;
  /** Forwarded to every subgraph: the request waits for the partner registry once, until then, in all parts together. */
  registryDeadline: number;
  /** This request's logger, bound to its id and caller. */
  log: Logger;
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
  /** Limits, rate limits and headers, from the system's configuration module (`edgeFromEnv`) however the gateway is started. */
  edge: EdgeSettings;
  /** GET /healthz and /readyz. */
  health?: HealthEndpoints;
  /** Where the log lines go; stdout when absent. */
  logDestination?: LogDestination;
  /** LOG_LEVEL; info when absent. */
  logLevel?: string;
  /** Serve `GET /metrics` on the gateway's port (default); false when `METRICS_PORT` moves it to its own. */
  metricsRoute?: boolean;
  /** The offline GraphiQL at `GET /graphql` for browsers (CONCERT_IDE); on in development when absent. */
  ide?: boolean;
  /** The web console (issue 24): its files, sessions and persisted documents. */
  console?: ConsoleOptions;
}

export interface ConsoleOptions {
  /** `console/dist`: the app's files under `/console/`, and its persisted-documents manifests. */
  distDir?: string;
  /** More manifests to accept (tests). */
  manifests?: string[];
  /** Console sessions (the gateway's database); without it nobody signs in to the console. */
  sessions?: SessionStore;
  sessionTtlSeconds?: number;
  /** Development sign-in (CONCERT_DEV_SIGN_IN under `npm start` only). */
  devSignIn?: { dataDir: string };
  /** The operators' partner codes (development sign-in never opens a session for them). */
  operators: readonly string[];
  /** Identity providers people sign in with (OpenID Connect). */
  signIn?: SignInProvider[];
  /** The gateway's public origin, for the providers' redirect URIs; the request's Host otherwise. */
  publicOrigin?: string;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

type Telemetry = ReturnType<typeof serviceTelemetry>;

/** The console's sign-in and sessions, which identify a session's caller as a token would. */
function consoleAuthOf(options: GatewayOptions, t: Telemetry, rateLimits: CallerRateLimits): ConsoleAuth {
  return new ConsoleAuth({
    sessions: options.console?.sessions,
    secure: !options.development,
    sessionTtlSeconds: options.console?.sessionTtlSeconds,
    devSignIn: options.console?.devSignIn,
    operators: options.console?.operators ?? [],
    logError: (err) => t.logger.error({ err }, "internal error"),
    // Expected: a warning with the reason and the provider's or the check's short message, no stack.
    logRefusal: (reason, err) =>
      t.logger.warn({ reason, detail: String(err instanceof Error ? err.message : err).slice(0, 200) }, "console sign-in refused"),
    oidc: options.console?.signIn?.length ? new OidcProviders(options.console.signIn, !options.development) : undefined,
    publicOrigin: options.console?.publicOrigin,
    revokedAt: (partner, subject) => options.directory.revokedAt(partner, subject),
    // Sign-in and session routes count as anonymous requests of their client address.
    rateLimit: (req) => rateLimits.take(req, null),
    async identify(authorization) {
      const caller = await authenticate(authorization, options.verify, options.directory);
      return caller && { partner: caller.partner.code, subject: caller.identity.subject, roles: caller.identity.roles };
    },
  });
}

/** The planner over the committed supergraph, reaching the subgraphs through `agent`. */
function apolloGateway(options: GatewayOptions, t: Telemetry, agent: ReturnType<typeof subgraphAgent>): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SubgraphDataSource(name, url, options.edge.subgraphTimeoutMs, t, agent);
    },
  });
}

/** A console session runs only the console's persisted documents. */
function consoleDocumentsOnly(documents: PersistedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { contextValue } = requestContext;
          if (contextValue.session && !documents.has(requestContext.queryHash)) {
            throw forbidden("a console session may run only the console's persisted documents; other clients send a Bearer token");
          }
        },
      };
    },
  };
}

/** The caller of a request (null: anonymous) and its console credentials, or the refusal (401, 429, 503) it gets. */
async function admitCaller(
  req: IncomingMessage,
  deadline: number,
  gateway: { options: GatewayOptions; consoleAuth: ConsoleAuth; rateLimits: CallerRateLimits; t: Telemetry },
) {
  const { options, consoleAuth, rateLimits, t } = gateway;
  let caller = null as Caller | null;
  let credentials: Awaited<ReturnType<ConsoleAuth["credentials"]>> = { session: null };
  try {
    try {
      credentials = await consoleAuth.credentials(req);
      caller = await authenticate(credentials.authorization, options.verify, options.directory, deadline);
    } catch (err) {
      if (isUnavailable(err)) throw unavailableRefusal(err);
      if (!(err instanceof TokenRejected)) throw err;
      await rateLimits.take(req, null);
      throw new HttpRefusal(401, "UNAUTHENTICATED", `Token rejected: ${err.message}`);
    }
    await rateLimits.take(req, caller ? `${caller.identity.issuer} ${caller.identity.subject}` : null);
  } catch (err) {
    // No operation runs, so Apollo's plugins never see it: count it as they would (the front logs it).
    const refusal = err instanceof HttpRefusal ? err : isUnavailable(err) ? unavailableRefusal(err) : undefined;
    if (refusal) t.metrics.observeOperation(null, outcomeOf([refusal.code]), 0, [refusal.code]);
    throw refusal ?? err;
  }
  return { caller, credentials };
}

/**
 * The public entry point: verifies tokens (401 on a bad one), rate-limits callers, limits queries,
 * plans them against the committed supergraph and forwards the caller's token to the subgraphs.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { edge } = options;
  const limits = queryLimits<GatewayContext>(edge.limits);
  const logger = options.logDestination
    ? createLogger({ service: "gateway", destination: options.logDestination, level: options.logLevel })
    : undefined;
  const t = serviceTelemetry({ service: "gateway", development: options.development, logLevel: options.logLevel, logger });
  const refusals = new RefusalLog(t.logger);
  const rateLimits = new CallerRateLimits(edge.rateLimit, edge.trustedProxies, t.metrics);
  const admitted = new WeakMap<
    IncomingMessage,
    { caller: Caller | null; requestId: string; registryDeadline: number; authorization?: string; session: ConsoleSessionData | null }
  >();
  const consoleAuth = consoleAuthOf(options, t, rateLimits);
  // Served by hash alone, from the start; nothing a client sends is ever registered (no automatic persisted queries).
  const documents = PersistedDocuments.load(options.console?.distDir, options.console?.manifests);
  // One pool of connections to the subgraphs for the gateway's lifetime, shared by every subgraph's data source.
  const agent = subgraphAgent();
  const server = new ApolloServer<GatewayContext>({
    gateway: apolloGateway(options, t, agent),
    introspection: options.development,
    // The process owner stops every part in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !options.development,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    logger: t.apolloLogger,
    persistedQueries: { cache: documents.store() },
    formatError: maskErrors((err) => t.logger.error({ err }, "internal error")),
    plugins: [
      ...t.plugins,
      ApolloServerPluginLandingPageDisabled(),
      limits.plugin,
      consoleDocumentsOnly(documents),
      operationGuard((operation, { caller }) => {
        const decision = decideOperation(operation, caller !== null);
        return decision.allowed ? null : decision.reason;
      }),
    ],
  });
  const routes: HttpRoute[] = [];
  if (options.ide ?? options.development)
    routes.push(
      ideHandler({ development: options.development, exampleTabs: IDE_EXAMPLES, signInAs: options.console?.devSignIn !== undefined }),
    );
  if (options.metricsRoute ?? true) routes.push(metricsRoute(t.metrics.registry));
  if (options.console) routes.push(...consoleRoutes(options.console.distDir, consoleAuth));
  const { url, stop } = await serveGraphQL(server, {
    name: "gateway",
    port: options.port,
    host: options.host ?? edge.gatewayHost,
    bodyLimitBytes: edge.bodyLimitBytes,
    headers: edge.headers,
    health: options.health,
    timeouts: edge.httpTimeouts,
    routes,
    logError: (err) => t.logger.error({ err }, "internal error"),
    onRefusal: (req, res, refusal) =>
      refusals.note(req.socket.remoteAddress ?? "unknown", refusal.status, refusal.code, responseRequestId(res)),
    // Before the body is read: a flood costs a token check and a counter, nothing more.
    async admit(req, res) {
      // Set first, so that a refusal (401, 429) carries it too.
      const requestId = requestIdFrom(req.headers);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const deadline = registryDeadline(undefined);
      const { caller, credentials } = await admitCaller(req, deadline, { options, consoleAuth, rateLimits, t });
      admitted.set(req, { caller, requestId, registryDeadline: deadline, ...credentials });
    },
    context: async (req) => {
      const {
        caller,
        requestId,
        registryDeadline: deadline,
        authorization,
        session,
      } = admitted.get(req) ?? {
        caller: null,
        requestId: requestIdFrom(req.headers),
        registryDeadline: registryDeadline(undefined),
        session: null,
      };
      const log = requestLogger(t.logger, { requestId, partner: caller?.partner.code, subject: caller?.identity.subject });
      return { authorization, caller, session, requestId, registryDeadline: deadline, log };
    },
  });
  return {
    url,
    async stop() {
      await stop();
      await agent.close();
    },
  };
}
