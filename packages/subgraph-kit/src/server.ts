import type { IncomingMessage } from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginInlineTrace } from "@apollo/server/plugin/inlineTrace";
import type { PartnerDirectory, ServiceTokenVerifier, TokenVerifier } from "@concert/auth";
import { REGISTRY_DEADLINE_HEADER, REGISTRY_READ_HEADER, registryDeadline } from "@concert/auth";
import { REGISTRY_READ_LABEL } from "@concert/db";
import {
  type EdgeSettings,
  type HealthEndpoints,
  OperationGate,
  operationGuard,
  queryLimits,
  serveGraphQL,
  subgraphLimits,
} from "@concert/edge";
import { ANONYMOUS, decideOperation, type Viewer } from "@concert/policy";
import {
  metricsRoute,
  outcomeOf,
  REQUEST_ID_HEADER,
  RefusalLog,
  requestIdFrom,
  requestLogger,
  responseRequestId,
  type ServiceTelemetry,
  serviceTelemetry,
} from "@concert/telemetry";
import type { MikroORM } from "@mikro-orm/core";
import type { PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { GraphQLSchema } from "graphql";
import { AuditTrail } from "./audit.js";
import { inputBoundsPlugin } from "./bounds.js";
import type { ChangeFeedSettings } from "./change-feed/settings.js";
import type { RequestEntityManager, SubgraphContext } from "./context.js";
import { maskErrors } from "./errors.js";
import { identify } from "./identify.js";
import { Loaders } from "./loaders.js";

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM<PostgreSqlDriver>;
  verify: TokenVerifier;
  /** Verifies tokens of the service issuer (Concert's own parts); without it they are refused. */
  verifyService?: ServiceTokenVerifier;
  directory: PartnerDirectory;
  port: number;
  /** The interface to listen on; `edge.subgraphHost` (loopback by default) when absent. */
  host?: string;
  development: boolean;
  /** Partner codes of the deployment's operators (configuration): their admins keep the registry. */
  operators?: readonly string[];
  /**
   * Answers `apollo-federation-include-trace: ftv1` with an inline trace (`extensions.ftv1`), error
   * messages masked. Off by default: traces cost CPU on every traced request.
   */
  inlineTracing?: boolean;
  /** Limits and headers; the documented defaults when absent. */
  edge: EdgeSettings;
  /** GET /healthz and /readyz. */
  health?: HealthEndpoints;
  /** Its logger and metrics; one writing to stdout when absent. */
  telemetry?: ServiceTelemetry;
  /** Serve `GET /metrics` on the subgraph's own port (default); false when `METRICS_PORT` moves it to its own. */
  metricsRoute?: boolean;
  /** The change feed's cursor key and retention. */
  changeFeed?: ChangeFeedSettings;
}

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP. Every request verifies its own bearer token: a subgraph reached
 * directly, without the gateway, applies exactly the same policy.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningService> {
  const { edge } = options;
  const limits = queryLimits<SubgraphContext>(subgraphLimits(edge.limits));
  const t = options.telemetry ?? serviceTelemetry({ service: options.name, development: options.development });
  const refusals = new RefusalLog(t.logger);
  const admitted = new WeakMap<IncomingMessage, { requestId: string; viewer: Viewer }>();
  const server = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    introspection: options.development,
    // The process owner stops every part in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    logger: t.apolloLogger,
    formatError: maskErrors((err) => t.logger.error({ err }, "internal error"), { database: true }),
    plugins: [
      ...t.plugins,
      ApolloServerPluginLandingPageDisabled(),
      // No type or field sets a cache hint; the plugin still wrapped every field's resolver to look for one.
      ApolloServerPluginCacheControlDisabled(),
      options.inlineTracing ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      limits.plugin,
      // The gateway's rule, applied again here: a subgraph reached straight answers the same status.
      operationGuard((operation, { viewer }) => {
        const decision = decideOperation(operation, viewer !== ANONYMOUS);
        return decision.allowed ? null : decision.reason;
      }),
      inputBoundsPlugin(options.directory),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue }) {
              await contextValue.audit?.flush(options.orm.em.fork());
            },
          };
        },
      },
    ],
  });
  // Each operation holds its intermediate results until it is answered: bounding how many execute at once
  // bounds the subgraph's memory whatever the number of clients.
  const gate = new OperationGate(edge.subgraphAdmission, (reason) => t.metrics.countAdmissionRefusal(reason));
  t.metrics.trackAdmission(() => ({ executing: gate.executing, queued: gate.queued }));
  const { url, stop } = await serveGraphQL(server, {
    name: options.name,
    port: options.port,
    host: options.host ?? edge.subgraphHost,
    bodyLimitBytes: edge.subgraphBodyLimitBytes,
    headers: edge.headers,
    health: options.health,
    timeouts: edge.httpTimeouts,
    gate,
    routes: (options.metricsRoute ?? true) ? [metricsRoute(t.metrics.registry)] : [],
    logError: (err) => t.logger.error({ err }, "internal error"),
    onRefusal: (req, res, refusal) => {
      refusals.note(req.socket.remoteAddress ?? "unknown", refusal.status, refusal.code, responseRequestId(res));
      t.metrics.observeOperation(null, outcomeOf([refusal.code]), 0, [refusal.code]);
    },
    // The gateway forwards its request id: the subgraph's lines carry the same one. The caller is identified
    // here, before the body is read, as at the gateway: a bad token gets the same 401, an unreadable registry the same 503.
    async admit(req, res) {
      const requestId = requestIdFrom(req.headers);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const deadline = registryDeadline(req.headers[REGISTRY_DEADLINE_HEADER]);
      const viewer = await identify(
        req.headers.authorization,
        options.verify,
        options.directory,
        options.operators,
        options.verifyService,
        deadline,
      );
      admitted.set(req, { requestId, viewer });
    },
    context: async (req) => {
      const { requestId, viewer } = admitted.get(req)!;
      const log = requestLogger(t.logger, { requestId, partner: viewer.partner, subject: viewer.subject });
      const registryRead = Boolean(req.headers[REGISTRY_READ_HEADER]);
      // The other parts refresh their copies, and the alerts worker polls the feeds, every few seconds: their
      // operations are logged at debug level only (their refusals and failures still show).
      if ((registryRead || viewer.service !== null) && !t.logger.isLevelEnabled("debug")) log.level = "warn";
      const em = options.orm.em.fork(registryRead ? { loggerContext: { label: REGISTRY_READ_LABEL } } : {}) as RequestEntityManager;
      return {
        em,
        viewer,
        loaders: new Loaders(),
        audit: new AuditTrail(viewer),
        log,
        metrics: t.metrics,
        directory: options.directory,
        changeFeed: options.changeFeed,
      };
    },
  });
  return { name: options.name, url, stop };
}
