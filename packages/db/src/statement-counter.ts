import type { Logger } from "@mikro-orm/core";

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

/** Makes `logger` count every statement it is told of into `counter`, whatever else it does with them. */
export function countingLogger<L extends Logger>(logger: L, counter: StatementCounter): L {
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (context) => {
    if (context.label !== REGISTRY_READ_LABEL) counter.record();
    logQuery(context);
  };
  return logger;
}
