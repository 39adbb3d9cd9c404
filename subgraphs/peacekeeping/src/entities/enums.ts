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

export enum VisitKind {
  AAV = "AAV",
  RDL_VERIFICATION = "RDL_VERIFICATION",
  PRE_DEPLOYMENT = "PRE_DEPLOYMENT",
}
registerEnumType(VisitKind, {
  name: "VisitKind",
  description: "What a UN verification visit to a pledged unit is for.",
  valuesConfig: {
    AAV: { description: "Assessment and Advisory Visit: a passed one is the evidence for LEVEL_2." },
    RDL_VERIFICATION: { description: "Verification for the Rapid Deployment Level: a passed one is the evidence for RAPID_DEPLOYMENT." },
    PRE_DEPLOYMENT: { description: "Pre-deployment visit before the unit deploys." },
  },
});

export enum ChecklistOutcome {
  MET = "MET",
  MET_WITH_REMARKS = "MET_WITH_REMARKS",
  NOT_MET = "NOT_MET",
  NOT_ASSESSED = "NOT_ASSESSED",
}
registerEnumType(ChecklistOutcome, {
  name: "ChecklistOutcome",
  description: "The outcome of one checklist area of a verification visit.",
  valuesConfig: {
    MET: { description: "The standard is met." },
    MET_WITH_REMARKS: { description: "Met, with remarks to act on." },
    NOT_MET: { description: "Not met: the visit is not passed." },
    NOT_ASSESSED: { description: "Not assessed on this visit." },
  },
});

/** The checklist areas of a verification visit, in the order the UN lists them; each is a column of the visit. */
export const CHECKLIST_AREAS = [
  "training",
  "equipment",
  "selfSustainment",
  "medical",
  "aviation",
  "engineering",
  "ict",
  "movementControl",
] as const;
export type ChecklistArea = (typeof CHECKLIST_AREAS)[number];

export enum ChecklistAreaEnum {
  TRAINING = "training",
  EQUIPMENT = "equipment",
  SELF_SUSTAINMENT = "selfSustainment",
  MEDICAL = "medical",
  AVIATION = "aviation",
  ENGINEERING = "engineering",
  ICT = "ict",
  MOVEMENT_CONTROL = "movementControl",
}
registerEnumType(ChecklistAreaEnum, {
  name: "ChecklistArea",
  description: "An area of a verification visit's checklist.",
  valuesConfig: {
    TRAINING: { description: "Pre-deployment training." },
    EQUIPMENT: { description: "Contingent-owned major equipment." },
    SELF_SUSTAINMENT: { description: "Self-sustainment." },
    MEDICAL: { description: "Medical support." },
    AVIATION: { description: "Aviation (aircraft, crews, safety)." },
    ENGINEERING: { description: "Engineering." },
    ICT: { description: "Information and communications technology." },
    MOVEMENT_CONTROL: { description: "Movement control." },
  },
});

export enum CaveatKind {
  GEOGRAPHIC = "GEOGRAPHIC",
  OPERATIONAL = "OPERATIONAL",
  TIME = "TIME",
  OTHER = "OTHER",
}
registerEnumType(CaveatKind, {
  name: "CaveatKind",
  description: "What a national caveat limits.",
  valuesConfig: {
    GEOGRAPHIC: { description: "Where the unit may operate." },
    OPERATIONAL: { description: "What tasks the unit will do." },
    TIME: { description: "When or how long the unit is available." },
    OTHER: { description: "Anything else." },
  },
});

export enum PersonnelCategory {
  MILITARY_CONTINGENTS = "MILITARY_CONTINGENTS",
  MILITARY_OBSERVERS_AND_STAFF_OFFICERS = "MILITARY_OBSERVERS_AND_STAFF_OFFICERS",
  FORMED_POLICE_UNITS = "FORMED_POLICE_UNITS",
  INDIVIDUAL_POLICE_OFFICERS = "INDIVIDUAL_POLICE_OFFICERS",
}
registerEnumType(PersonnelCategory, {
  name: "PersonnelCategory",
  description: "A category of uniformed personnel of the Uniformed Gender Parity Strategy 2018–2028.",
  valuesConfig: {
    MILITARY_CONTINGENTS: { description: "Military contingents (formed military units)." },
    MILITARY_OBSERVERS_AND_STAFF_OFFICERS: { description: "Military observers and staff officers." },
    FORMED_POLICE_UNITS: { description: "Formed police units." },
    INDIVIDUAL_POLICE_OFFICERS: { description: "Individual police officers." },
  },
});

/** The category of uniformed personnel each capability type's people count in. */
export function personnelCategoryOf(capabilityType: string): PersonnelCategory {
  switch (capabilityType) {
    case "STAFF_OFFICERS":
      return PersonnelCategory.MILITARY_OBSERVERS_AND_STAFF_OFFICERS;
    case "FORMED_POLICE_UNIT":
      return PersonnelCategory.FORMED_POLICE_UNITS;
    case "INDIVIDUAL_POLICE":
      return PersonnelCategory.INDIVIDUAL_POLICE_OFFICERS;
    default:
      return PersonnelCategory.MILITARY_CONTINGENTS;
  }
}
