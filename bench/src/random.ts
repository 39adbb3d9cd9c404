import { seedId } from "@concert/subgraph-kit/writes";

/** A seeded pseudo-random source (mulberry32): the same seed gives the same data set on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  /** A day (YYYY-MM-DD) between 2016 and 2025. */
  date(): string {
    return new Date(Date.UTC(2016, 0, 1) + this.int(0, 3650) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** A stable id for generated row `index` of `kind`. */
export const benchId = (kind: string, index: number) => seedId("bench", kind, String(index));
