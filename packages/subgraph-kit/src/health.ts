/** What `GET /healthz` and `GET /readyz` answer: the HTTP status and a small JSON body. */
export interface HealthResponse {
  status: 200 | 503;
  body: { status: "ok" | "unavailable"; checks?: Record<string, CheckResult> };
}

export interface CheckResult {
  ok: boolean;
  /** What is wrong, in a few words, when not ok. */
  problem?: string;
}

/** One readiness condition: resolves when it holds, throws (or rejects) with what is wrong otherwise. */
export type Check = () => Promise<void>;

export interface ReadinessCheck {
  check: Check;
  /**
   * A check that is reported but does not make the service unready (the gateway's view of each
   * subgraph: one subgraph's outage must not take every gateway out of service).
   */
  informational?: boolean;
}

/** Longest a check may take before it counts as failed: probes have short timeouts of their own. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: Check): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** `GET /healthz`: the process is alive and its event loop turns. */
export function liveness(): HealthResponse {
  return { status: 200, body: { status: "ok" } };
}

/** `GET /readyz`: runs every check at once; 503 naming what is wrong when a required one fails. */
export async function readiness(checks: Record<string, Check | ReadinessCheck>): Promise<HealthResponse> {
  const entries = Object.entries(checks).map(([name, c]) => [name, typeof c === "function" ? { check: c } : c] as const);
  const results = await Promise.all(
    entries.map(async ([name, { check, informational }]) => {
      try {
        await withTimeout(check);
        return { name, informational, result: { ok: true } as CheckResult };
      } catch (err) {
        return { name, informational, result: { ok: false, problem: err instanceof Error ? err.message : String(err) } };
      }
    }),
  );
  const ready = results.every((r) => r.result.ok || r.informational);
  return {
    status: ready ? 200 : 503,
    body: { status: ready ? "ok" : "unavailable", checks: Object.fromEntries(results.map((r) => [r.name, r.result])) },
  };
}
