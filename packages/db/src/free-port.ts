import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** The lowest port handed out: above the ports services customarily claim, below the kernel's ephemeral range. */
const LOWEST = 16_384;
const ATTEMPTS = 50;
/** Ports this process has handed out: a part stopped and started again keeps its port, so none is handed out twice. */
const handedOut = new Set<number>();

/**
 * The first port of the range the kernel takes for outgoing connections and `listen(0)`. A port chosen from that
 * range can be taken by any client socket between the moment it is chosen and the moment it is listened on; with
 * tests making thousands of connections in parallel, that happened (a restart found its own port in use).
 */
function ephemeralStart(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 49_152; // The IANA range, which macOS and Windows use.
  }
}

function listensOn(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.on("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port that is free on the loopback interface right now, chosen at random below the kernel's ephemeral range
 * so that no outgoing connection takes it before it is listened on.
 */
export async function freePort(): Promise<number> {
  const highest = ephemeralStart() - 1;
  for (let attempt = 0; highest > LOWEST && attempt < ATTEMPTS; attempt++) {
    const candidate = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (handedOut.has(candidate) || (await listensOn(candidate)) === null) continue;
    handedOut.add(candidate);
    return candidate;
  }
  const port = await listensOn(0);
  if (port === null) throw new Error("no free TCP port on 127.0.0.1");
  handedOut.add(port);
  return port;
}
