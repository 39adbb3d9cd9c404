import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** A delivery as the development receiver saw it. */
export interface ReceivedDelivery {
  /** `webhook-id`: the same on every retry of one delivery. */
  id: string;
  /** True when one of the receiver's secrets verified the signature (and the timestamp is within 5 minutes). */
  verified: boolean;
  /** A retry of a delivery already accepted. */
  repeated: boolean;
  /** The parsed body when verified; why not otherwise. */
  message?: unknown;
  refusal?: string;
}

export interface DevReceiver {
  url: string;
  close(): Promise<void>;
}

/** The largest body the receiver reads: Concert's messages are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A webhook receiver for trying alerts on a development machine (`npm run webhook-receiver`): it checks each
 * message's Standard Webhooks signature against the rules' secrets, answers 204 when one verifies and 401 when
 * none does (Concert then retries, and the delivery ends DEAD), and reports every delivery to `report`.
 */
export async function startDevReceiver(options: {
  secrets: string[];
  port: number;
  host?: string;
  report(delivery: ReceivedDelivery): void;
}): Promise<DevReceiver> {
  if (options.secrets.length === 0) throw new Error("no secret: give the whsec_… that createAlertRule answered");
  const webhooks = options.secrets.map((secret) => new Webhook(secret));
  const accepted = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      const id = String(req.headers["webhook-id"] ?? "");
      if (req.method !== "POST" || size > MAX_BODY_BYTES) {
        options.report({
          id,
          verified: false,
          repeated: false,
          refusal: req.method !== "POST" ? `${req.method} is not a delivery` : "body too large",
        });
        return void res.writeHead(req.method !== "POST" ? 405 : 413).end();
      }
      const outcome = verify(webhooks, Buffer.concat(chunks).toString("utf8"), req.headers);
      if ("refusal" in outcome) {
        options.report({ id, verified: false, repeated: false, refusal: outcome.refusal });
        return void res.writeHead(401).end();
      }
      const repeated = accepted.has(id);
      accepted.add(id);
      options.report({ id, verified: true, repeated, message: outcome.message });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function verify(webhooks: Webhook[], body: string, headers: IncomingHttpHeaders): { message: unknown } | { refusal: string } {
  const wanted = { "webhook-id": "", "webhook-timestamp": "", "webhook-signature": "" };
  for (const name of Object.keys(wanted) as (keyof typeof wanted)[]) {
    const value = headers[name];
    if (typeof value !== "string") return { refusal: `no ${name} header` };
    wanted[name] = value;
  }
  let last = "";
  for (const webhook of webhooks) {
    try {
      return { message: webhook.verify(body, wanted) };
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
  }
  return { refusal: `signature not verified by any secret given (${last})` };
}
