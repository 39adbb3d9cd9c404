import type { IncomingHttpHeaders } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { LoggerOptions as OrmLoggerOptions } from "@mikro-orm/core";
import type { Registry } from "prom-client";
import { apolloLogger, createLogger, type Logger, requestLogger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { PinoOrmLogger } from "./orm-logger.js";
import { metricsPlugin, operationLogPlugin } from "./plugins.js";
import { requestIdFrom } from "./request-id.js";

/** Everything one service (the gateway or a subgraph) needs, made once at its start. */
export interface ServiceTelemetry {
  logger: Logger;
  metrics: Metrics;
  /** For ApolloServer's `plugins`: one log line and the metrics of each operation. */
  plugins: ApolloServerPlugin<BaseContext>[];
  /** For ApolloServer's `logger`. */
  apolloLogger: ReturnType<typeof apolloLogger>;
  /** For MikroORM's `loggerFactory`: SQL at debug level, every statement's duration into the metrics. */
  ormLoggerFactory(options: OrmLoggerOptions): PinoOrmLogger;
  /**
   * The request's id (its well-formed `x-request-id`, or a new one) and a logger bound to it and to the
   * caller. Put `log` in the GraphQL context; return `requestId` in `x-request-id` and forward it to subgraphs.
   */
  forRequest(
    headers: IncomingHttpHeaders,
    caller?: { partner?: string | null; subject?: string | null } | null,
  ): { requestId: string; log: Logger };
}

export function serviceTelemetry(options: {
  service: string;
  development?: boolean;
  /** LOG_LEVEL; info when absent. */
  logLevel?: string;
  registry?: Registry;
  logger?: Logger;
}): ServiceTelemetry {
  const logger = options.logger ?? createLogger({ service: options.service, development: options.development, level: options.logLevel });
  const metrics = createMetrics(options.service, options.registry);
  return {
    logger,
    metrics,
    plugins: [operationLogPlugin(logger), metricsPlugin(metrics)],
    apolloLogger: apolloLogger(logger),
    ormLoggerFactory: (ormOptions) => new PinoOrmLogger(ormOptions, logger, { onQuery: metrics.observeQuery }),
    forRequest(headers, caller) {
      const requestId = requestIdFrom(headers);
      return { requestId, log: requestLogger(logger, { requestId, partner: caller?.partner, subject: caller?.subject }) };
    },
  };
}
