import { DefaultLogger, type LogContext, type LoggerOptions } from "@mikro-orm/core";

/** Counts the SQL statements an ORM instance sends, so that tests and benchmarks can prove batching. */
export class StatementCounter {
  private count = 0;

  record(): void {
    this.count += 1;
  }

  /** Statements sent since the last reset. */
  get total(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }
}

/**
 * Logger label of the statements that read the partner registry for access checks: they refresh
 * in the background every few seconds, whatever the request, so they are not counted.
 */
export const REGISTRY_READ_LABEL = "registry-read";

export class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: StatementCounter,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    if (context.label !== REGISTRY_READ_LABEL) this.counter.record();
    super.logQuery(context);
  }
}
