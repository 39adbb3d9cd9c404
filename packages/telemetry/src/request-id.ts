import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The header a request id travels in: taken from the client, returned to it, forwarded to subgraphs. */
export const REQUEST_ID_HEADER = "x-request-id";

// Bounded and free of spaces, quotes and control characters, so that a client cannot forge log lines with it.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The client's `x-request-id` when it is well formed, a new UUID otherwise. */
export function requestIdFrom(headers: IncomingHttpHeaders | Headers): string {
  const raw = headers instanceof Headers ? headers.get(REQUEST_ID_HEADER) : headers[REQUEST_ID_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && WELL_FORMED.test(value) ? value : randomUUID();
}
