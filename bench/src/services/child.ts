import "reflect-metadata";
import { type ServiceName, serviceSettings, startPart } from "@concert/system";

/** What the parent asks a child to run: one part, configured by the environment it was forked with. */
export interface ChildSpec {
  name: ServiceName;
}

/** Messages between parent and child over the IPC channel. */
export type ToChild = { type: "statements"; reset: boolean } | { type: "heap" };
export type FromChild = { type: "ready"; url: string } | { type: "statements"; total: number } | { type: "heap"; mib: number };

const send = (message: FromChild) => process.send!(message);

/** Polls the part's readiness (its registry copy loaded, its database current) for at most `seconds`. */
async function untilReady(ready: () => Promise<{ status: number }>, seconds = 60): Promise<void> {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if ((await ready()).status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready within ${seconds} s`);
}

/**
 * One part of the system in its own process, started as `npm run serve` starts it from its environment, so that
 * each part's memory and CPU can be told apart. It reports ready once its `/readyz` would answer 200. A subgraph
 * answers its SQL statement count on request; the gateway, run with --expose-gc, its live heap.
 */
async function main(spec: ChildSpec): Promise<void> {
  const part = await startPart(serviceSettings(spec.name, process.env));
  await untilReady(part.ready);
  process.on("message", (message: ToChild) => {
    if (message.type === "heap") {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: "heap", mib: process.memoryUsage().heapUsed / 2 ** 20 });
      return;
    }
    send({ type: "statements", total: part.statements?.total ?? Number.NaN });
    if (message.reset) part.statements?.reset();
  });
  send({ type: "ready", url: part.url });
}

// The parent's exit closes the IPC channel: leave with it.
process.on("disconnect", () => process.exit(0));
main(JSON.parse(process.argv[2]!) as ChildSpec).catch((err) => {
  console.error(err);
  process.exit(1);
});
