import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { freePort } from "./free-port.js";

const ephemeralStart = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);

test("hands out distinct ports below the kernel's ephemeral range, each one listenable", async () => {
  const ports: number[] = [];
  for (let i = 0; i < 40; i++) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(16_384);
    expect(port).toBeLessThan(ephemeralStart);
  }
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(ports[0], "127.0.0.1", resolve));
  await new Promise((resolve) => server.close(resolve));
});
