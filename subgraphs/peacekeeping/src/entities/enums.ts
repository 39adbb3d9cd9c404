import { registerEnumType } from "type-graphql";

export enum MissionStatus {
  ACTIVE = "ACTIVE",
  DRAWING_DOWN = "DRAWING_DOWN",
  CLOSED = "CLOSED",
}
registerEnumType(MissionStatus, {
  name: "MissionStatus",
  description: "Whether a peacekeeping operation is active, drawing down or closed.",
  valuesConfig: {
    ACTIVE: { description: "Deployed and operating under its mandate." },
    DRAWING_DOWN: { description: "Reducing its presence towards closure." },
    CLOSED: { description: "Mandate ended; no pledges can be made to it." },
  },
});

export enum Readiness {
  LEVEL_1 = "LEVEL_1",
  LEVEL_2 = "LEVEL_2",
  LEVEL_3 = "LEVEL_3",
  RAPID_DEPLOYMENT = "RAPID_DEPLOYMENT",
}
registerEnumType(Readiness, {
  name: "Readiness",
  description: "Readiness level in the UN Peacekeeping Capability Readiness System, from lowest to highest.",
  valuesConfig: {
    LEVEL_1: { description: "Pledge registered." },
    LEVEL_2: { description: "Assessment and advisory visit passed." },
    LEVEL_3: { description: "Matches a statement of unit requirements." },
    RAPID_DEPLOYMENT: { description: "Ready to deploy within 60 days." },
  },
});

export enum PledgeStatus {
  PLEDGED = "PLEDGED",
  VERIFIED = "VERIFIED",
  DEPLOYED = "DEPLOYED",
  WITHDRAWN = "WITHDRAWN",
  EXPIRED = "EXPIRED",
}
registerEnumType(PledgeStatus, {
  name: "PledgeStatus",
  description:
    "Where a pledge stands between the podium and deployment. The pipeline runs PLEDGED → VERIFIED → DEPLOYED; " +
    "any pledge not yet WITHDRAWN or EXPIRED may be withdrawn or expire; WITHDRAWN and EXPIRED are final.",
  valuesConfig: {
    PLEDGED: { description: "Announced and registered, not yet verified by the UN." },
    VERIFIED: { description: "Verified by the UN (e.g. after an assessment and advisory visit)." },
    DEPLOYED: { description: "On the ground in the mission." },
    WITHDRAWN: { description: "Taken back by the contributor (final)." },
    EXPIRED: { description: "Lapsed without renewal (final)." },
  },
});

/** Readiness levels from the lowest to the highest. */
export const READINESS_ORDER: readonly Readiness[] = [Readiness.LEVEL_1, Readiness.LEVEL_2, Readiness.LEVEL_3, Readiness.RAPID_DEPLOYMENT];

/** The given level and every level above it. */
export function readinessAtOrAbove(minimum: Readiness): Readiness[] {
  return READINESS_ORDER.slice(READINESS_ORDER.indexOf(minimum));
}

/** Statuses of pledges that are promised but not yet on the ground: what gaps count as "pledged". */
export const OUTSTANDING_STATUSES: readonly PledgeStatus[] = [PledgeStatus.PLEDGED, PledgeStatus.VERIFIED];
