// The error codes and masking live in @concert/edge, shared with the gateway.
export {
  badUserInput,
  conflict,
  ERROR_CODES,
  ERROR_STATUS,
  type ErrorCode,
  forbidden,
  isDatabaseUnreachable,
  maskErrors,
  notFound,
  refusedInput,
  tokenRejected,
  unauthenticated,
} from "@concert/edge";
