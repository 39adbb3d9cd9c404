import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChangeEvent } from "@concert/alerts";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on loopback, in the test process. Each path behaves on its own: `/ok` accepts, `/fail-twice`
 * answers 503 twice then accepts, `/always-fail` answers 500.
 */
export class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private tries = new Map<string, number>();

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = (req.url ?? "/").split("?")[0]!;
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        const tries = (this.tries.get(path) ?? 0) + 1;
        this.tries.set(path, tries);
        const fail = path.startsWith("/always-fail") || (path.startsWith("/fail-twice") && tries <= 2);
        res.writeHead(fail ? (path.startsWith("/always-fail") ? 500 : 503) : 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

let versions = 0;

/** A risk assessment as the risk feed's `record` carries it to the worker (FEED-CONTRACT, `FEED_SELECTIONS.risk`). */
export function assessmentChange(
  id: string,
  change: ChangeEvent["change"],
  fields: { likelihood: string; marking: string; country: string; originator: string; status?: string; releasableTo?: string[] },
): ChangeEvent {
  return {
    recordType: "RISK_ASSESSMENT",
    id,
    change,
    at: new Date().toISOString(),
    version: ++versions,
    previous: null,
    record: {
      __typename: "RiskAssessment",
      id,
      marking: fields.marking,
      releasableTo: fields.releasableTo ?? [],
      originator: { code: fields.originator },
      status: fields.status ?? "PUBLISHED",
      likelihood: fields.likelihood,
      periodEnd: "2026-12-31",
      country: { code: fields.country },
    },
  };
}

/** A forecast as the risk feed's `record` carries it to the worker (`FEED_SELECTIONS.risk`), with its question's marking. */
export function forecastChange(
  id: string,
  fields: { question: string; originator: string; probability: number; madeAt: string; marking?: string; questionMarking?: string },
): ChangeEvent {
  return {
    recordType: "FORECAST",
    id,
    change: "CREATED",
    at: new Date().toISOString(),
    version: ++versions,
    previous: null,
    record: {
      __typename: "Forecast",
      id,
      marking: fields.marking ?? "PARTNERS",
      releasableTo: [],
      originator: { code: fields.originator },
      probability: fields.probability,
      madeAt: fields.madeAt,
      question: {
        id: fields.question,
        marking: fields.questionMarking ?? "PUBLIC",
        releasableTo: [],
        originator: { code: "OPS" },
        status: "OPEN",
        country: { code: "MMR" },
      },
    },
  };
}
