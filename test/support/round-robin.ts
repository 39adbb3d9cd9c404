import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A test-only load balancer in front of a service's replicas: each HTTP request goes to the next upstream in turn.
 * A refused connection (nothing was sent) is tried on the next upstream, as a real balancer does; any other upstream
 * failure answers 502, so that a request that may have reached a dying replica is never replayed.
 */
export class RoundRobin {
  private next = 0;
  private readonly server: Server = createServer((req, res) => this.relay(req, res));

  constructor(private readonly upstreams: readonly string[]) {}

  /** Listens on a free loopback port; resolves with the base URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = this.next++;
    for (let attempt = 0; attempt < this.upstreams.length; attempt++) {
      const target = new URL(req.url ?? "/", this.upstreams[(first + attempt) % this.upstreams.length]);
      const outcome = await new Promise<"done" | "refused">((resolve) => {
        const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("end", () => resolve("done"));
          answer.on("error", () => {
            res.destroy();
            resolve("done");
          });
        });
        upstream.on("error", (err: NodeJS.ErrnoException) => {
          if (err.code === "ECONNREFUSED") return resolve("refused");
          if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
          resolve("done");
        });
        upstream.end(body);
      });
      if (outcome === "done") return;
    }
    res.writeHead(502).end();
  }
}
