import type { IncomingMessage, ServerResponse } from "node:http";
import { asker, COLLECTIONS, type CollectionDefinition, collectionEntries, collectionId, type Entry, entriesAfter } from "./collections.js";
import { GatewayError } from "./records.js";
import { CONCERT_EXTENSION_SCHEMA } from "./stix/extension.js";

/** TAXII 2.1's media types (section 1.6.8). */
export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
export const API_ROOT = "concert";
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** A TAXII error message (section 3.6.1), with its HTTP status. */
export class TaxiiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description?: string,
    readonly errorCode?: string,
  ) {
    super(title);
  }
}

const badRequest = (description: string) => new TaxiiError(400, "Bad request", description, "BAD_USER_INPUT");

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": TAXII_MEDIA_TYPE, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: TaxiiError, headers: Record<string, string> = {}): void {
  send(
    res,
    error.status,
    {
      title: error.title,
      ...(error.description ? { description: error.description } : {}),
      ...(error.errorCode ? { error_code: error.errorCode } : {}),
      http_status: String(error.status),
    },
    headers,
  );
}

/** Turns the gateway's refusal into the TAXII error the client gets. */
export function fromGateway(err: GatewayError): TaxiiError {
  const titles: Record<number, string> = {
    400: "Bad request",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "Not found",
    429: "Too many requests",
    503: "Service unavailable",
  };
  return new TaxiiError(err.httpStatus, titles[err.httpStatus] ?? "Bad gateway", err.message, err.code);
}

/** `Accept` must allow TAXII 2.1 JSON (section 1.6.8.1); no header at all accepts anything. */
function acceptsTaxii(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(",").some((part) => {
    const [type, ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (type === "*/*" || type === "application/*") return true;
    if (type !== "application/taxii+json") return false;
    const version = params.find((p) => p.startsWith("version="));
    return !version || version === "version=2.1";
  });
}

/** The query's filters (section 3.4.1): `added_after`, `limit`, `next` and `match[...]`. */
interface Filters {
  addedAfter?: number;
  limit: number;
  next?: Position;
  ids?: Set<string>;
  types?: Set<string>;
  versions: string[];
  specVersions?: string[];
}

/** Where a page ended: the last date served and how many entries of that date were served; the feed cursor after it. */
interface Position {
  d: number;
  n: number;
  c?: string;
}

const encodeNext = (p: Position) => Buffer.from(JSON.stringify(p)).toString("base64url");

function decodeNext(value: string): Position {
  try {
    const p = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Position;
    if (typeof p.d === "number" && Number.isInteger(p.n) && p.n >= 0 && (p.c === undefined || typeof p.c === "string")) return p;
  } catch {}
  throw badRequest("`next` is not one this server issued.");
}

const list = (value: string | null) =>
  value
    ?.split(",")
    .map((v) => v.trim())
    .filter(Boolean);

function filtersOf(url: URL, allowPaging: boolean): Filters {
  const q = url.searchParams;
  for (const key of q.keys()) {
    if (!["added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"].includes(key)) {
      throw badRequest(`Unknown query parameter ${key}.`);
    }
  }
  const filters: Filters = { limit: DEFAULT_LIMIT, versions: list(q.get("match[version]")) ?? ["last"] };
  const addedAfter = q.get("added_after");
  if (addedAfter !== null) {
    const at = Date.parse(addedAfter);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(addedAfter) || Number.isNaN(at)) {
      throw badRequest("`added_after` must be a timestamp such as 2026-12-01T10:00:00.000Z.");
    }
    filters.addedAfter = at;
  }
  if (allowPaging) {
    const limit = q.get("limit");
    if (limit !== null) {
      if (!/^\d+$/.test(limit) || Number(limit) < 1) throw badRequest("`limit` must be a positive whole number.");
      filters.limit = Math.min(Number(limit), MAX_LIMIT);
    }
    const next = q.get("next");
    if (next !== null) filters.next = decodeNext(next);
  }
  const ids = list(q.get("match[id]"));
  if (ids) filters.ids = new Set(ids);
  const types = list(q.get("match[type]"));
  if (types) filters.types = new Set(types);
  for (const v of filters.versions) {
    if (!["last", "first", "all"].includes(v) && Number.isNaN(Date.parse(v))) {
      throw badRequest("`match[version]` takes last, first, all or timestamps.");
    }
  }
  filters.specVersions = list(q.get("match[spec_version]"));
  return filters;
}

/** An object's version: its `modified`, or `created` for objects that never change. */
export const versionOf = (o: Entry["object"]) => String(o.modified ?? o.created);
const iso = (ms: number) => new Date(ms).toISOString();

function matches(entry: Entry, f: Filters): boolean {
  const o = entry.object;
  if (f.ids && !f.ids.has(o.id)) return false;
  if (f.types && !f.types.has(o.type)) return false;
  if (f.specVersions && !f.specVersions.includes("2.1")) return false;
  // Concert keeps each object's current version only: it is its first, last and every version.
  const timestamps = f.versions.filter((v) => !["last", "first", "all"].includes(v));
  if (timestamps.length === f.versions.length && !timestamps.some((t) => Date.parse(t) === Date.parse(versionOf(o)))) return false;
  if (f.addedAfter !== undefined && entry.dateAdded <= f.addedAfter) return false;
  return true;
}

/** A page of entries: never ends inside one record's objects unless one record alone fills the page. */
function page(entries: Entry[], f: Filters): { items: Entry[]; more: boolean; next?: string } {
  let start = 0;
  if (f.next && f.next.c === undefined) {
    const { d, n } = f.next;
    while (start < entries.length && entries[start].dateAdded < d) start++;
    start += n;
    while (start < entries.length && entries[start].dateAdded < d) start++;
  }
  let end = Math.min(start + f.limit, entries.length);
  if (end < entries.length && end > start && entries[end].dateAdded === entries[end - 1].dateAdded) {
    let cut = end - 1;
    while (cut > start && entries[cut - 1].dateAdded === entries[end].dateAdded) cut--;
    if (cut > start) end = cut;
  }
  const items = entries.slice(start, end);
  const more = end < entries.length;
  if (!more || items.length === 0) return { items, more };
  const last = items[items.length - 1];
  const sameDate = items.filter((e) => e.dateAdded === last.dateAdded).length;
  const previousServed =
    f.next && f.next.c === undefined && start > 0 && entries[start - 1].dateAdded === last.dateAdded
      ? countBefore(entries, start, last.dateAdded)
      : 0;
  const atBoundary = entries[end].dateAdded !== last.dateAdded;
  const position: Position =
    atBoundary && last.cursor ? { d: last.dateAdded, n: 0, c: last.cursor } : { d: last.dateAdded, n: sameDate + previousServed };
  return { items, more, next: encodeNext(position) };
}

function countBefore(entries: Entry[], start: number, date: number): number {
  let n = 0;
  for (let i = start - 1; i >= 0 && entries[i].dateAdded === date; i--) n++;
  return n;
}

function dateHeaders(items: Entry[]): Record<string, string> {
  if (items.length === 0) return {};
  return { "X-TAXII-Date-Added-First": iso(items[0].dateAdded), "X-TAXII-Date-Added-Last": iso(items[items.length - 1].dateAdded) };
}

export interface TaxiiOptions {
  gatewayUrl: string;
  /** The public base URL of this service, for the discovery document (`http://host:port`). */
  baseUrl: () => string;
}

/** Routes one TAXII request; `authorization` is the header forwarded to the gateway (a partner's Bearer token). */
export async function handleTaxii(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authorization: string,
  options: TaxiiOptions,
): Promise<void> {
  if (!acceptsTaxii(req)) throw new TaxiiError(406, "Not acceptable", `Ask for ${TAXII_MEDIA_TYPE}.`);
  const path = url.pathname;
  const ask = asker(options.gatewayUrl, authorization);
  const apiRoot = `${options.baseUrl()}/${API_ROOT}/`;
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (req.method === "POST" && /\/objects\/$/.test(path)) throw new TaxiiError(403, "Forbidden", "Concert's collections are read-only.");
    throw new TaxiiError(405, "Method not allowed", "Concert's TAXII server is read-only: use GET.");
  }
  if (path === "/taxii2/") {
    // Whoever may ask may discover; the check that the caller is a partner is the gateway's.
    await ask("{ __typename }");
    return send(res, 200, {
      title: "Concert",
      description: "Concert's records as STIX 2.1, read-only, as far as your partner may read them.",
      default: apiRoot,
      api_roots: [apiRoot],
    });
  }
  if (path === "/taxii2/concert-extension.json") {
    const text = JSON.stringify(CONCERT_EXTENSION_SCHEMA);
    res.writeHead(200, { "content-type": "application/schema+json", "content-length": Buffer.byteLength(text) });
    return void res.end(text);
  }
  const root = `/${API_ROOT}/`;
  if (!path.startsWith(root)) throw new TaxiiError(404, "Not found", `No API root at ${path}.`);
  const rest = path.slice(root.length).split("/");
  if (rest.length === 1 && rest[0] === "") {
    await ask("{ __typename }");
    return send(res, 200, {
      title: "Concert",
      description: "One API root: a collection per domain (risk, peacekeeping, engagements).",
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: 1_048_576,
    });
  }
  if (rest[0] !== "collections") throw new TaxiiError(404, "Not found", `No such resource: ${path}.`);
  if (rest.length === 2 && rest[1] === "") {
    await ask("{ __typename }");
    return send(res, 200, { collections: COLLECTIONS.map(collectionResource) });
  }
  const collection = COLLECTIONS.find((c) => collectionId(c.name) === rest[1]);
  if (!collection) throw new TaxiiError(404, "Not found", `No collection ${rest[1]}.`);
  const sub = rest.slice(2);
  if (sub.length === 1 && sub[0] === "") {
    await ask("{ __typename }");
    return send(res, 200, collectionResource(collection));
  }
  if ((sub[0] === "objects" || sub[0] === "manifest") && sub.length === 2 && sub[1] === "") {
    const filters = filtersOf(url, true);
    const entries = await pagedEntries(ask, collection, filters);
    const { items, more, next } = page(
      entries.filter((e) => matches(e, filters)),
      filters,
    );
    const body =
      sub[0] === "objects"
        ? { more, ...(next ? { next } : {}), ...(items.length ? { objects: items.map((e) => e.object) } : {}) }
        : {
            more,
            ...(next ? { next } : {}),
            ...(items.length
              ? {
                  objects: items.map((e) => ({
                    id: e.object.id,
                    date_added: iso(e.dateAdded),
                    version: versionOf(e.object),
                    media_type: STIX_MEDIA_TYPE,
                  })),
                }
              : {}),
          };
    return send(res, 200, body, dateHeaders(items));
  }
  if (sub[0] === "objects" && sub.length >= 3 && sub[sub.length - 1] === "") {
    const objectId = decodeURIComponent(sub[1]);
    const versions = sub.length === 4 && sub[2] === "versions";
    if (!(sub.length === 3 || versions)) throw new TaxiiError(404, "Not found", `No such resource: ${path}.`);
    const filters = filtersOf(url, !versions);
    const found = (await collectionEntries(ask, collection)).filter((e) => e.object.id === objectId);
    if (found.length === 0) throw new TaxiiError(404, "Not found", `No object ${objectId} in this collection that you may read.`);
    const kept = found.filter((e) => matches(e, filters));
    if (versions) {
      return send(res, 200, { more: false, ...(kept.length ? { versions: kept.map((e) => versionOf(e.object)) } : {}) }, dateHeaders(kept));
    }
    return send(res, 200, { more: false, ...(kept.length ? { objects: kept.map((e) => e.object) } : {}) }, dateHeaders(kept));
  }
  throw new TaxiiError(404, "Not found", `No such resource: ${path}.`);
}

async function pagedEntries(ask: ReturnType<typeof asker>, c: CollectionDefinition, f: Filters): Promise<Entry[]> {
  if (f.next?.c) {
    try {
      return await entriesAfter(ask, c, f.next.c, f.next.d);
    } catch (err) {
      // The feed refused the cursor (the caller's access changed, or it expired): page from the date instead.
      if (!(err instanceof GatewayError) || err.code !== "RESYNC_REQUIRED") throw err;
      f.addedAfter = Math.max(f.addedAfter ?? Number.NEGATIVE_INFINITY, f.next.d);
      f.next = undefined;
    }
  }
  return collectionEntries(ask, c);
}

function collectionResource(c: CollectionDefinition) {
  return {
    id: collectionId(c.name),
    title: c.title,
    description: c.description,
    can_read: true,
    can_write: false,
    media_types: [STIX_MEDIA_TYPE],
  };
}
