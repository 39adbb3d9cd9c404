import type { CombinedError } from "@urql/core";

/**
 * The messages of a mutation's errors by the input field they name (extensions.field): `byField` by its last segment
 * (`input.summary` → `summary`), `byPath` by the whole path (`input.factorRatings[1].findings[0].observedOn`), for
 * fields inside lists; and the rest.
 */
export function fieldErrors(error?: CombinedError): {
  byField: Record<string, string>;
  byPath: Record<string, string>;
  general: string[];
  conflict: boolean;
} {
  const byField: Record<string, string> = {};
  const byPath: Record<string, string> = {};
  const general: string[] = [];
  let conflict = false;
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code === "CONFLICT") conflict = true;
    const field = e.extensions?.field;
    if (typeof field === "string" && field) {
      byField[field.split(".").pop()!] = e.message;
      byPath[field] = e.message;
    } else general.push(e.message);
  }
  if (error?.networkError) general.push(error.networkError.message);
  return { byField, byPath, general, conflict };
}
