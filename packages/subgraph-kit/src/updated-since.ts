import { GraphQLScalarType } from "graphql";
import { GraphQLISODateTime } from "type-graphql";
import { badUserInput } from "./errors.js";

const INVALID = (): Date => new Date(Number.NaN);

/**
 * The subgraphs' `DateTimeISO` scalar: the same name, format and output as type-graphql's, but an input
 * that is not a valid date-time becomes an invalid Date instead of failing validation with no field named,
 * so that the resolver refuses it as BAD_USER_INPUT naming its argument (`updatedSince`). Every
 * `DateTimeISO` argument must go through `updatedSince` (or `updatedSinceWhere`).
 */
export const DateTimeArgument = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  parseValue(value) {
    try {
      return GraphQLISODateTime.parseValue(value);
    } catch {
      return INVALID();
    }
  },
  parseLiteral(ast, variables) {
    try {
      return GraphQLISODateTime.parseLiteral(ast, variables);
    } catch {
      return INVALID();
    }
  },
});

/** An `updatedSince`-style argument, checked: undefined when absent, the instant when valid, BAD_USER_INPUT naming `field` otherwise. */
export function updatedSince(value: Date | null | undefined, field = "updatedSince"): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badUserInput(field, `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T00:00:00Z`);
  }
  return value;
}

/** The condition "changed at or after `value`" on `column` (`{}` when the argument is absent), the argument checked as by `updatedSince`. */
export function updatedSinceWhere(value: Date | null | undefined, field = "updatedSince", column = "updatedAt"): Record<string, unknown> {
  const since = updatedSince(value, field);
  return since ? { [column]: { $gte: since } } : {};
}
