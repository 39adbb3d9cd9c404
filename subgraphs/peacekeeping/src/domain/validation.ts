import { badUserInput } from "@concert/subgraph-kit";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export function assertDate(field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && !isIsoDate(value)) throw badUserInput(field, `${value} is not a date (YYYY-MM-DD)`);
}

export function assertMonth(field: string, value: string): void {
  if (!MONTH.test(value)) throw badUserInput(field, `${value} is not a month (YYYY-MM)`);
}

/** A count of units or people: a whole number, at least `min`. */
export function assertCount(field: string, value: number | undefined, min = 0): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) throw badUserInput(field, `must be a whole number of at least ${min}`);
}

/** Women are counted within the personnel, so never more than they. */
export function assertWomen(field: string, women: number, personnel: number): void {
  assertCount(field, women);
  if (women > personnel) throw badUserInput(field, `cannot exceed the personnel (${personnel})`);
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
