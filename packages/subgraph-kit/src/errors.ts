import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** The error codes partners can rely on. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "INTERNAL_SERVER_ERROR",
] as const;

/** Codes raised by GraphQL itself for a malformed request; their messages are safe to show. */
const REQUEST_ERROR_CODES = ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "PERSISTED_QUERY_NOT_FOUND", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE"];

export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** `what` is e.g. "RiskAssessment 42": a record that is missing and one the caller may not see look the same. */
export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND" } });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "CONFLICT", ...extensions } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/**
 * Lets through errors we raised on purpose and GraphQL's own request errors; masks everything
 * else (no stack traces, SQL or constraint names) and reports it to `log`.
 */
export function maskErrors(log: (error: unknown) => void = (e) => console.error(e)) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const known = typeof code === "string" && ((ERROR_CODES as readonly string[]).includes(code) || REQUEST_ERROR_CODES.includes(code));
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const raisedOnPurpose = original instanceof GraphQLError;
    if (known && (raisedOnPurpose || code !== "INTERNAL_SERVER_ERROR")) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log(original);
    return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
