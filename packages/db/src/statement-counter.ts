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

export class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: StatementCounter,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.counter.record();
    super.logQuery(context);
  }
}
