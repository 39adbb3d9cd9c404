import { badUserInput } from "@concert/subgraph-kit/errors";
import { requireCount } from "@concert/subgraph-kit/writes";

/** Women are counted within the personnel, so never more than they. */
export function requireWomen(field: string, women: number, personnel: number): void {
  requireCount(field, women);
  if (women > personnel) throw badUserInput(field, `cannot exceed the personnel (${personnel})`);
}
