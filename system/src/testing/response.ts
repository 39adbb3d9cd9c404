/** One error of a GraphQL response, as clients see it. */
export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

/**
 * The data of a response whose test does not name the shape it selected. This is the only `any` tests may use: a test that
 * checks a few fields of a response reads them without a type declaration; helpers and shared shapes name their types.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one untyped default for test responses (see above)
export type UntypedData = any;

/** A GraphQL response over HTTP, as tests read it. `TData` is the shape the test selected. */
export interface GraphQLResponse<TData = UntypedData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLResponseError[];
}
