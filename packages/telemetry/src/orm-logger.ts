import { DefaultLogger, type LogContext, type LoggerNamespace, type LoggerOptions } from "@mikro-orm/core";
import type { Logger } from "pino";

/** Longest message written; SQL with many parameters would otherwise flood the log. */
export const MAX_ORM_MESSAGE = 1000;

export interface OrmLoggerHooks {
  /** Called with every statement's duration in milliseconds, whether SQL logging is on or not. */
  onQuery?(ms: number): void;
}

/**
 * MikroORM's logger, writing to pino at debug level (warnings and errors at their own level).
 * Use as `loggerFactory: (options) => new PinoOrmLogger(options, logger, { onQuery: metrics.observeQuery })`.
 * MikroORM only writes queries when its `debug` option is on; their text then holds parameter values,
 * so keep that to development.
 */
export class PinoOrmLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly logger: Logger,
    private readonly hooks: OrmLoggerHooks = {},
  ) {
    super(options);
  }

  override log(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes MikroORM adds
    message = message.replace(/\u001b\[[0-9;]*m/g, "");
    const text = message.length > MAX_ORM_MESSAGE ? `${message.slice(0, MAX_ORM_MESSAGE)}… (${message.length} chars)` : message;
    const fields = { orm: namespace, ...(context?.took != null ? { durationMs: context.took } : {}) };
    if (context?.level === "error") this.logger.error(fields, text);
    else if (context?.level === "warning") this.logger.warn(fields, text);
    else this.logger.debug(fields, text);
  }

  override logQuery(context: { query: string } & LogContext): void {
    if (context.took != null) this.hooks.onQuery?.(context.took);
    super.logQuery(context);
  }
}
