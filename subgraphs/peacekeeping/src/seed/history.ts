import { PledgeStatus } from "../entities/enums.js";

const DAY = 24 * 60 * 60 * 1000;

/** The path a pledge took to reach `status`, starting with its registration. */
function pathTo(status: PledgeStatus): PledgeStatus[] {
  switch (status) {
    case PledgeStatus.PLEDGED:
      return [PledgeStatus.PLEDGED];
    case PledgeStatus.VERIFIED:
      return [PledgeStatus.PLEDGED, PledgeStatus.VERIFIED];
    case PledgeStatus.DEPLOYED:
      return [PledgeStatus.PLEDGED, PledgeStatus.VERIFIED, PledgeStatus.DEPLOYED];
    default:
      return [PledgeStatus.PLEDGED, PledgeStatus.VERIFIED, status];
  }
}

/** Plausible dated steps for a demo pledge registered on `registered`: one every 150 days. */
export function demoHistory(status: PledgeStatus, registered: Date): { from: PledgeStatus | null; to: PledgeStatus; at: Date }[] {
  const path = pathTo(status);
  return path.map((to, i) => ({ from: i === 0 ? null : path[i - 1], to, at: new Date(registered.getTime() + i * 150 * DAY) }));
}
