import type { Marking } from "@concert/policy";
import { CaveatKind, ChecklistOutcome, Readiness, VisitKind } from "../entities/enums.js";

/**
 * Invented demonstration evidence (flagged `demo`) for the demo pledges, consistent with their levels: a passed AAV for
 * every pledge at LEVEL_2 or above, a passed RDL verification for every pledge at RAPID_DEPLOYMENT, and a failed AAV
 * that explains why the Canadian helicopter pledge is still at LEVEL_1.
 */
export interface DemoVisit {
  pledge: string;
  kind: VisitKind;
  /** Days after the pledge's registration. */
  after: number;
  passed: boolean;
  remarks: string;
}

const AIR = new Set(["UTILITY_HELICOPTER_UNIT", "ARMED_HELICOPTER_UNIT", "ISR_UAS_UNIT"]);

/** A checklist as a visit to a unit of `capabilityType` would assess it; a failed one falls short on the unit's own speciality. */
export function demoChecklist(capabilityType: string, passed: boolean): Record<string, ChecklistOutcome> {
  const speciality = AIR.has(capabilityType) ? "aviation" : capabilityType === "ENGINEERING_UNIT" ? "engineering" : "training";
  return {
    training: ChecklistOutcome.MET,
    equipment: ChecklistOutcome.MET,
    selfSustainment: ChecklistOutcome.MET_WITH_REMARKS,
    medical: ChecklistOutcome.MET,
    aviation: AIR.has(capabilityType) ? ChecklistOutcome.MET : ChecklistOutcome.NOT_ASSESSED,
    engineering: capabilityType === "ENGINEERING_UNIT" ? ChecklistOutcome.MET : ChecklistOutcome.NOT_ASSESSED,
    ict: ChecklistOutcome.MET,
    movementControl: ChecklistOutcome.MET,
    ...(passed ? {} : { [speciality]: ChecklistOutcome.NOT_MET }),
  };
}

/** The visits a demo pledge at `readiness` has, to stand there. */
export function demoVisitsFor(key: string, readiness: Readiness): DemoVisit[] {
  const visits: DemoVisit[] = [];
  if (readiness !== Readiness.LEVEL_1) {
    visits.push({ pledge: key, kind: VisitKind.AAV, after: 60, passed: true, remarks: "[DEMO] Invented visit: unit meets the standards" });
  }
  if (readiness === Readiness.RAPID_DEPLOYMENT) {
    visits.push({
      pledge: key,
      kind: VisitKind.RDL_VERIFICATION,
      after: 120,
      passed: true,
      remarks: "[DEMO] Invented visit: ready to deploy within 60 days",
    });
  }
  return visits;
}

/** A visit that explains a pledge still at LEVEL_1. */
export const DEMO_FAILED_VISITS: DemoVisit[] = [
  {
    pledge: "can-minusca-heli",
    kind: VisitKind.AAV,
    after: 90,
    passed: false,
    remarks: "[DEMO] Invented visit: night-flying equipment not yet certified",
  },
];

/** Invented caveats; the Korean one is marked ORIGINATOR, stricter than its pledge, so the UN reads the pledge but not it. */
export const DEMO_CAVEATS: { pledge: string; kind: CaveatKind; text: string; marking?: Marking }[] = [
  { pledge: "npl-minusca-qrf", kind: CaveatKind.GEOGRAPHIC, text: "[DEMO] Operates within 300 km of its base only" },
  { pledge: "bgd-unmiss-heli", kind: CaveatKind.TIME, text: "[DEMO] Available for 12 months from deployment" },
  {
    pledge: "kor-minusca-heli",
    kind: CaveatKind.OPERATIONAL,
    text: "[DEMO] No night flights into contested areas without national approval",
    marking: "ORIGINATOR",
  },
];

/** Rotation dates of the deployed demo pledges, and the pledge earmarked to replace one of them. */
export const DEMO_ROTATIONS: Record<string, { rotationDue: string; replacedBy?: string }> = {
  "bgd-minusca-inf": { rotationDue: "2027-01-31" },
  "rwa-unmiss-inf": { rotationDue: "2027-02-28", replacedBy: "npl-general-inf" },
  "pak-monusco-heli": { rotationDue: "2027-03-31" },
};
