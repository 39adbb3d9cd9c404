import type { IncomingMessage, ServerResponse } from "node:http";
import { askGateway, GatewayError } from "./records.js";
import { TaxiiError } from "./taxii.js";

/**
 * CSV downloads for spreadsheets and OCHA's HDX (docs/integrators.md, "CSV and HXL"): a header row, then a row of
 * HXL hashtags, UTF-8 with a byte-order mark, CRLF line ends, text cells that a spreadsheet would run as a formula
 * escaped, and rows written as the gateway's pages arrive. Each download asks the gateway with the caller's token.
 */

export type Cell = string | number | boolean | null | undefined;

export interface CsvColumn<R> {
  header: string;
  /** HXL hashtag and attributes, e.g. `#country+code`. */
  hxl: string;
  value(row: R): Cell;
}

/** The downloads there are; `csvDownload` streams any of them. */
export type CsvRequest =
  | { kind: "shared-watchlist" }
  | { kind: "mission-gaps"; mission: string }
  | { kind: "event-delivery"; event: string }
  | { kind: "practice-search"; query: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV: numbers as they are; text quoted when needed, and a leading formula character neutralised with `'`. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** The byte-order mark, header row and HXL row of a download. */
export function csvHead<R>(columns: CsvColumn<R>[]): string {
  return `\uFEFF${csvLine(columns.map((c) => c.header))}${csvLine(columns.map((c) => c.hxl))}`;
}

interface SharedRow {
  country: { code: string; name: string };
  listedBy: { rank: number; partner: { code: string } }[];
  highestLikelihood: string | null;
  likelihoodSpread: number | null;
}
const SHARED_COLUMNS: CsvColumn<SharedRow>[] = [
  { header: "Country code", hxl: "#country+code", value: (r) => r.country.code },
  { header: "Country", hxl: "#country+name", value: (r) => r.country.name },
  { header: "Listed by", hxl: "#org+code+list", value: (r) => r.listedBy.map((e) => e.partner.code).join(" ") },
  { header: "Partners listing", hxl: "#indicator+partners+num", value: (r) => r.listedBy.length },
  {
    header: "Best rank",
    hxl: "#indicator+rank+min",
    value: (r) => (r.listedBy.length ? Math.min(...r.listedBy.map((e) => e.rank)) : null),
  },
  { header: "Highest likelihood", hxl: "#indicator+likelihood+max", value: (r) => r.highestLikelihood },
  { header: "Likelihood spread", hxl: "#indicator+likelihood+spread+num", value: (r) => r.likelihoodSpread },
];

interface GapRow {
  capabilityType: { code: string; name: string };
  required: number;
  requiredPersonnel: number;
  deployed: number;
  pledged: number;
  gap: number;
  personnelGap: number;
  neededBy: string | null;
}
const gapColumns = (mission: string): CsvColumn<GapRow>[] => [
  { header: "Mission", hxl: "#operation+code", value: () => mission },
  { header: "Capability code", hxl: "#capability+code", value: (r) => r.capabilityType.code },
  { header: "Capability", hxl: "#capability+name", value: (r) => r.capabilityType.name },
  { header: "Units required", hxl: "#indicator+units+required+num", value: (r) => r.required },
  { header: "Personnel required", hxl: "#indicator+personnel+required+num", value: (r) => r.requiredPersonnel },
  { header: "Units deployed", hxl: "#indicator+units+deployed+num", value: (r) => r.deployed },
  { header: "Units pledged", hxl: "#indicator+units+pledged+num", value: (r) => r.pledged },
  { header: "Unit gap", hxl: "#indicator+units+gap+num", value: (r) => r.gap },
  { header: "Personnel gap", hxl: "#indicator+personnel+gap+num", value: (r) => r.personnelGap },
  { header: "Needed by", hxl: "#date+needed", value: (r) => r.neededBy },
];

interface DeliveryRow {
  status: string;
  pledges: number;
  units: number;
  personnel: number;
  womenPersonnel: number;
}
const deliveryColumns = (event: string): CsvColumn<DeliveryRow>[] => [
  { header: "Pledging event", hxl: "#event+code", value: () => event },
  { header: "Pledge status", hxl: "#status", value: (r) => r.status },
  { header: "Pledges", hxl: "#indicator+pledges+num", value: (r) => r.pledges },
  { header: "Units", hxl: "#indicator+units+num", value: (r) => r.units },
  { header: "Personnel", hxl: "#indicator+personnel+num", value: (r) => r.personnel },
  { header: "Women personnel", hxl: "#indicator+personnel+f+num", value: (r) => r.womenPersonnel },
];

interface PracticeRow {
  rank: number;
  node: {
    id: string;
    title: string;
    kind: string;
    date: string;
    tlp: string;
    theme: { code: string };
    originator: { code: string; name: string | null };
    countries: { code: string }[];
  };
}
const PRACTICE_COLUMNS: CsvColumn<PracticeRow>[] = [
  { header: "Practice id", hxl: "#meta+id", value: (r) => r.node.id },
  { header: "Title", hxl: "#description+title", value: (r) => r.node.title },
  { header: "Kind", hxl: "#activity+type", value: (r) => r.node.kind },
  { header: "Theme", hxl: "#sector+code", value: (r) => r.node.theme.code },
  { header: "Date", hxl: "#date", value: (r) => r.node.date },
  { header: "Partner code", hxl: "#org+code", value: (r) => r.node.originator.code },
  { header: "Partner", hxl: "#org+name", value: (r) => r.node.originator.name },
  { header: "Countries", hxl: "#country+code+list", value: (r) => r.node.countries.map((c) => c.code).join(" ") },
  { header: "TLP", hxl: "#meta+tlp", value: (r) => r.node.tlp },
  { header: "Relevance", hxl: "#indicator+rank+num", value: (r) => r.rank },
];

const notFound = (what: string) => new TaxiiError(404, "Not found", `${what} does not exist, or you may not see it.`, "NOT_FOUND");

/**
 * A download as CSV text chunks: the head first, then rows as the gateway answers. The console calls this through
 * its own session (with the gateway URL and the person's Authorization header); the exchange serves it under /csv/.
 * Errors before the first chunk are thrown (GatewayError, or TaxiiError for NOT_FOUND).
 */
export async function* csvDownload(gatewayUrl: string, authorization: string | undefined, request: CsvRequest): AsyncGenerator<string> {
  const ask = <T>(query: string, variables?: Record<string, unknown>) => askGateway<T>(gatewayUrl, authorization, query, variables);
  switch (request.kind) {
    case "shared-watchlist": {
      const data = await ask<{ sharedWatchlist: SharedRow[] }>(
        "{ sharedWatchlist { country { code name } listedBy { rank partner { code } } highestLikelihood likelihoodSpread } }",
      );
      yield csvHead(SHARED_COLUMNS);
      for (const row of data.sharedWatchlist) yield csvLine(SHARED_COLUMNS.map((c) => c.value(row)));
      return;
    }
    case "mission-gaps": {
      const data = await ask<{ mission: { gaps: GapRow[] } | null }>(
        "query($m: ID!) { mission(acronym: $m) { gaps { capabilityType { code name } required requiredPersonnel deployed pledged gap personnelGap neededBy } } }",
        { m: request.mission },
      );
      if (!data.mission) throw notFound(`Mission ${request.mission}`);
      const columns = gapColumns(request.mission);
      yield csvHead(columns);
      for (const row of data.mission.gaps) yield csvLine(columns.map((c) => c.value(row)));
      return;
    }
    case "event-delivery": {
      const data = await ask<{ pledgingEvent: { delivery: { byStatus: DeliveryRow[] } } | null }>(
        "query($e: ID!) { pledgingEvent(code: $e) { delivery { byStatus { status pledges units personnel womenPersonnel } } } }",
        { e: request.event },
      );
      if (!data.pledgingEvent) throw notFound(`Pledging event ${request.event}`);
      const columns = deliveryColumns(request.event);
      yield csvHead(columns);
      for (const row of data.pledgingEvent.delivery.byStatus) yield csvLine(columns.map((c) => c.value(row)));
      return;
    }
    case "practice-search": {
      // Pages are written as they come, so a large answer streams instead of waiting for the whole.
      let started = false;
      const fetchPage = async (after: string | null) => {
        const data = await ask<{ searchPractices: { nodes: PracticeRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
          `query($q: String!, $after: String) { searchPractices(query: $q, first: 100, after: $after) {
            nodes { rank node { id title kind date tlp theme { code } originator { code name } countries { code } } }
            pageInfo { endCursor hasNextPage } } }`,
          { q: request.query, after },
        );
        return data.searchPractices;
      };
      let after: string | null = null;
      for (let count = 0; count < 100; count++) {
        const page = await fetchPage(after);
        if (!started) {
          started = true;
          yield csvHead(PRACTICE_COLUMNS);
        }
        for (const row of page.nodes) yield csvLine(PRACTICE_COLUMNS.map((c) => c.value(row)));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return;
    }
  }
}

/** The download a /csv/ path names: /csv/shared-watchlist, /csv/missions/{acronym}/gaps, /csv/events/{code}/delivery, /csv/practices?query=… */
export function csvRequestOf(url: URL): CsvRequest | null {
  const parts = url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === "shared-watchlist") return { kind: "shared-watchlist" };
  if (parts.length === 3 && parts[0] === "missions" && parts[2] === "gaps" && /^[A-Z0-9-]{2,20}$/.test(parts[1])) {
    return { kind: "mission-gaps", mission: parts[1] };
  }
  if (parts.length === 3 && parts[0] === "events" && parts[2] === "delivery" && /^[A-Z0-9_-]{1,40}$/.test(parts[1])) {
    return { kind: "event-delivery", event: parts[1] };
  }
  if (parts.length === 1 && parts[0] === "practices") {
    const query = url.searchParams.get("query")?.trim();
    if (!query || query.length > 200) throw new TaxiiError(400, "Bad request", "`query` (1–200 characters) is required.", "BAD_USER_INPUT");
    return { kind: "practice-search", query };
  }
  return null;
}

/** Serves a /csv/ download with the caller's credentials. */
export async function handleCsv(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authorization: string,
  gatewayUrl: string,
): Promise<void> {
  if (req.method !== "GET") throw new TaxiiError(405, "Method not allowed", "CSV downloads are read with GET.");
  const request = csvRequestOf(url);
  if (!request) throw new TaxiiError(404, "Not found", `No download at ${url.pathname}.`);
  const chunks = csvDownload(gatewayUrl, authorization, request);
  // The first chunk decides the status: a refusal before it is an error message, not a CSV.
  const first = await chunks.next();
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="concert-${request.kind}.csv"`,
  });
  if (!first.done) res.write(first.value);
  try {
    for await (const chunk of chunks) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
    }
  } catch (err) {
    // Headers are gone: cut the download short so that the client sees an incomplete file, not a complete one.
    if (err instanceof GatewayError) return void res.destroy(err);
    throw err;
  }
  res.end();
}
