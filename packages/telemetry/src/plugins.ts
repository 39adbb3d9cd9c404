import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { Logger } from "pino";
import type { Metrics, Outcome } from "./metrics.js";

/** Codes that mean the server failed rather than refused the client. */
const FAILURE_CODES = new Set(["INTERNAL_SERVER_ERROR"]);

interface Coded {
  extensions?: { code?: unknown };
}

/** The `extensions.code` of each error; an error without one is an internal one, as Apollo reports it. */
export function errorCodes(errors: readonly Coded[] | undefined): string[] {
  return (errors ?? []).map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "INTERNAL_SERVER_ERROR"));
}

/** Codes that mean a part, or what it needs, is unavailable for now: the client should retry, nothing is broken. */
const UNAVAILABLE_CODES = new Set(["SERVICE_UNAVAILABLE"]);

/**
 * ok: no error; refused: only client errors (policy, input, authentication, limits); unavailable: a part (or its
 * database, or the registry) could not serve for now; failed: anything else.
 */
export function outcomeOf(codes: string[]): Outcome {
  if (codes.length === 0) return "ok";
  if (codes.some((c) => FAILURE_CODES.has(c))) return "failed";
  return codes.some((c) => UNAVAILABLE_CODES.has(c)) ? "unavailable" : "refused";
}

/** What both plugins record of one operation. */
export interface OperationRecord {
  operation: string | null;
  operationType: string | null;
  durationMs: number;
  outcome: Outcome;
  codes: string[];
  /**
   * A query answered with data whose only errors are FORBIDDEN fields: the policy withholding marked parts (another
   * partner's evidence), as designed, not a client's mistake.
   */
  withheldFields: boolean;
}

interface PathedError extends Coded {
  path?: readonly unknown[];
}

function onlyWithheldFields(rc: GraphQLRequestContextWillSendResponse<BaseContext>, errors: readonly PathedError[]): boolean {
  const body = rc.response.body;
  return (
    rc.operation?.operation === "query" &&
    body.kind === "single" &&
    body.singleResult.data !== null &&
    body.singleResult.data !== undefined &&
    errors.length > 0 &&
    errors.every((e) => (e.path?.length ?? 0) > 0 && e.extensions?.code === "FORBIDDEN")
  );
}

/** A request context may carry its request's logger (see `requestLogger`) as `log`. */
export interface LoggingContext {
  log?: Logger;
}

/** The name of a document's only operation: a request that failed validation has no resolved name. */
function soleOperationName(document: GraphQLRequestContextWillSendResponse<BaseContext>["document"]): string | null {
  const operations = document?.definitions.filter((d) => d.kind === "OperationDefinition") ?? [];
  return operations.length === 1 && operations[0]!.kind === "OperationDefinition" ? (operations[0]!.name?.value ?? null) : null;
}

type Settled = (record: OperationRecord, contextValue: BaseContext | undefined) => void;

function operationPlugin(settled: Settled): ApolloServerPlugin<BaseContext> {
  return {
    async contextCreationDidFail({ error }) {
      // The context function refused the request (a bad token): no operation ran, but it counts.
      const codes = errorCodes([error as Coded]);
      settled({ operation: null, operationType: null, durationMs: 0, outcome: outcomeOf(codes), codes, withheldFields: false }, undefined);
    },
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(rc: GraphQLRequestContextWillSendResponse<BaseContext>) {
          // The codes the client gets: formatting turns an unreachable database into SERVICE_UNAVAILABLE.
          const body = rc.response.body;
          const errors: readonly PathedError[] = (body.kind === "single" ? (body.singleResult.errors ?? rc.errors) : rc.errors) ?? [];
          const codes = errorCodes(errors);
          settled(
            {
              operation: rc.operationName ?? rc.request.operationName ?? soleOperationName(rc.document),
              operationType: rc.operation?.operation ?? null,
              durationMs: Math.round((performance.now() - started) * 1000) / 1000,
              outcome: outcomeOf(codes),
              codes,
              withheldFields: onlyWithheldFields(rc, errors),
            },
            rc.contextValue,
          );
        },
      };
    },
  };
}

/**
 * Logs one line per GraphQL operation: name, type, duration, outcome, the distinct error codes and the number of
 * errors (a page of restricted evidence answers one FORBIDDEN per field: listing each would make the line grow with
 * the answer). It writes to the request's logger when the context carries one as `log`, else to `logger`. Never
 * variables or query text.
 */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<BaseContext> {
  return operationPlugin((record, contextValue) => {
    const log = (contextValue as LoggingContext | undefined)?.log ?? logger;
    // A query served with withheld fields is the policy at work on every page of the console: info, not a warning.
    const level = record.outcome === "failed" ? "error" : record.outcome === "ok" || record.withheldFields ? "info" : "warn";
    log[level]({ ...record, codes: [...new Set(record.codes)], errors: record.codes.length }, "graphql operation");
  });
}

/** Records each operation's count, errors by code and latency in `metrics`. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<BaseContext> {
  return operationPlugin((r) => metrics.observeOperation(r.operation, r.outcome, r.durationMs, r.codes));
}
