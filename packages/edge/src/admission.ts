/** How many GraphQL operations one server executes at once, and how many may wait for a turn. */
export interface AdmissionLimits {
  /** Operations executing at once; 0 turns the limit off. */
  maxConcurrent: number;
  /** Operations waiting for a turn; one more is refused at once. */
  maxQueued: number;
  /** How long an operation may wait for a turn before it is refused. */
  queueTimeoutMs: number;
}

/** Why an operation was refused a turn. */
export type AdmissionRefusalReason = "queue_full" | "queue_timeout";

/** An operation refused a turn: the front answers it with 503 SERVICE_UNAVAILABLE. */
export class AdmissionRefused extends Error {
  constructor(readonly reason: AdmissionRefusalReason) {
    super(reason === "queue_full" ? "too many operations are waiting" : "no turn to execute came in time");
  }
}

/** The caller went away while its operation waited for a turn: there is nobody to answer. */
export class AdmissionAbandoned extends Error {
  constructor() {
    super("the client went away while its operation waited for a turn");
  }
}

interface Waiter {
  admit(release: () => void): void;
  refuse(error: Error): void;
}

/**
 * Lets at most `maxConcurrent` operations execute at once; the others wait in arrival order, at most
 * `maxQueued` of them and each at most `queueTimeoutMs`. A waiter whose caller goes away leaves the queue
 * at once. Each turn is handed back exactly once, by the release function it came with (calling it again
 * does nothing), and passes straight to the next waiter.
 *
 * A minimal queue of our own rather than a semaphore library: what it needs — leaving the queue from any
 * position when a client disconnects, a bound on the queue's length and the length itself for metrics —
 * is not what semaphore libraries offer (async-mutex's Semaphore, for one, can only cancel every waiter,
 * and a timed-out waiter stays queued until its turn comes).
 */
export class OperationGate {
  private running = 0;
  /** Insertion-ordered: the first is the oldest. */
  private readonly waiting = new Set<Waiter>();

  constructor(
    readonly limits: AdmissionLimits,
    private readonly onRefusal?: (reason: AdmissionRefusalReason) => void,
  ) {}

  /** Operations holding a turn. */
  get executing(): number {
    return this.running;
  }

  /** Operations waiting for one. */
  get queued(): number {
    return this.waiting.size;
  }

  /**
   * Resolves with the function that hands the turn back, once the operation may execute. Rejects with
   * `AdmissionRefused` when the queue is full or the wait too long, and with `AdmissionAbandoned` when
   * `abandoned` fires first.
   */
  acquire(abandoned?: AbortSignal): Promise<() => void> {
    if (abandoned?.aborted) return Promise.reject(new AdmissionAbandoned());
    if (this.limits.maxConcurrent === 0 || this.running < this.limits.maxConcurrent) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.size >= this.limits.maxQueued) return Promise.reject(this.refused("queue_full"));
    return new Promise((resolve, reject) => {
      const leave = () => {
        this.waiting.delete(waiter);
        clearTimeout(timer);
        abandoned?.removeEventListener("abort", onAbandoned);
      };
      const onAbandoned = () => {
        leave();
        reject(new AdmissionAbandoned());
      };
      const waiter: Waiter = {
        admit: (release) => {
          leave();
          resolve(release);
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.refuse(this.refused("queue_timeout")), this.limits.queueTimeoutMs);
      abandoned?.addEventListener("abort", onAbandoned, { once: true });
      this.waiting.add(waiter);
    });
  }

  private refused(reason: AdmissionRefusalReason): AdmissionRefused {
    this.onRefusal?.(reason);
    return new AdmissionRefused(reason);
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.values().next();
      // the turn passes straight on: `running` stays as it is
      if (!next.done) next.value.admit(this.releaser());
      else this.running -= 1;
    };
  }
}
