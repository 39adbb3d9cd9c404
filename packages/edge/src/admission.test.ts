import { AdmissionAbandoned, type AdmissionRefusalReason, AdmissionRefused, OperationGate } from "./admission.js";

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("OperationGate", () => {
  it("admits in arrival order, and a turn handed back twice counts once", async () => {
    const gate = new OperationGate({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 10_000 });
    const release = await gate.acquire();
    const order: number[] = [];
    const waitFor = async (n: number) => {
      const release = await gate.acquire();
      order.push(n);
      return release;
    };
    const [one, two, three] = [waitFor(1), waitFor(2), waitFor(3)];
    expect([gate.executing, gate.queued]).toEqual([1, 3]);
    release();
    release();
    await settled();
    expect(order).toEqual([1]);
    expect([gate.executing, gate.queued]).toEqual([1, 2]);
    const second = await one;
    second();
    await settled();
    (await two)();
    await settled();
    (await three)();
    expect(order).toEqual([1, 2, 3]);
    expect([gate.executing, gate.queued]).toEqual([0, 0]);
  });

  it("refuses past the queue's length and after the timeout, and lets an abandoned waiter leave from the middle", async () => {
    const refusals: AdmissionRefusalReason[] = [];
    const gate = new OperationGate({ maxConcurrent: 1, maxQueued: 2, queueTimeoutMs: 50 }, (reason) => refusals.push(reason));
    const release = await gate.acquire();
    const gone = new AbortController();
    const abandoned = gate.acquire(gone.signal);
    const timedOut = gate.acquire();
    await expect(gate.acquire()).rejects.toEqual(new AdmissionRefused("queue_full"));
    gone.abort();
    await expect(abandoned).rejects.toBeInstanceOf(AdmissionAbandoned);
    expect(gate.queued).toBe(1);
    await expect(timedOut).rejects.toEqual(new AdmissionRefused("queue_timeout"));
    expect(refusals).toEqual(["queue_full", "queue_timeout"]);
    expect([gate.executing, gate.queued]).toEqual([1, 0]);
    release();
    expect([gate.executing, gate.queued]).toEqual([0, 0]);
  });

  it("admits everything when maxConcurrent is 0", async () => {
    const gate = new OperationGate({ maxConcurrent: 0, maxQueued: 0, queueTimeoutMs: 1 });
    const releases = await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()]);
    expect(gate.executing).toBe(3);
    for (const release of releases) release();
    expect(gate.executing).toBe(0);
  });
});
