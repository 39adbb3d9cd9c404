import { PledgeStatus } from "../entities/enums.js";

/** The pledge pipeline: which status may follow which. WITHDRAWN and EXPIRED are final. */
export const NEXT_STATUSES: Readonly<Record<PledgeStatus, readonly PledgeStatus[]>> = {
  PLEDGED: [PledgeStatus.VERIFIED, PledgeStatus.WITHDRAWN, PledgeStatus.EXPIRED],
  VERIFIED: [PledgeStatus.DEPLOYED, PledgeStatus.WITHDRAWN, PledgeStatus.EXPIRED],
  DEPLOYED: [PledgeStatus.WITHDRAWN, PledgeStatus.EXPIRED],
  WITHDRAWN: [],
  EXPIRED: [],
};

export function isFinal(status: PledgeStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

/** Why a pledge may not move from `from` to `to`, or null when it may. */
export function transitionRefusal(from: PledgeStatus, to: PledgeStatus): string | null {
  if (NEXT_STATUSES[from].includes(to)) return null;
  if (from === to) return `the pledge is already ${to}`;
  if (isFinal(from)) return `a ${from} pledge is final and cannot become ${to}`;
  if (from === PledgeStatus.PLEDGED && to === PledgeStatus.DEPLOYED) return "a pledge must be VERIFIED before it is DEPLOYED";
  return `a ${from} pledge cannot go back to ${to}`;
}
