import type { Marking } from "@concert/policy";
import { PledgeStatus, Readiness } from "../entities/enums.js";

/**
 * Invented demonstration pledges (flagged `demo`); they state no real commitment. By default
 * the contributor and the UN see a pledge's detail, and every partner counts it in totals; a few
 * pledges widen (PUBLIC) or narrow (GOVERNMENTS) who counts them, to show aggregates differing by caller.
 */
export const DEMO_PLEDGES: {
  key: string;
  contributor: string;
  mission: string | null;
  capabilityType: string;
  quantity: number;
  personnel: number;
  womenPersonnel: number;
  readiness: Readiness;
  status: PledgeStatus;
  event: string | null;
  renewalDue: string | null;
  unitDetails: string | null;
  aggregateMarking?: Marking;
}[] = [
  { key: "bgd-minusca-inf", contributor: "BGD", mission: "MINUSCA", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, womenPersonnel: 60, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SEOUL_2021", renewalDue: "2027-06-30", unitDetails: "[DEMO] Battalion with organic engineering company" },
  { key: "npl-minusca-qrf", contributor: "NPL", mission: "MINUSCA", capabilityType: "QUICK_REACTION_FORCE", quantity: 1, personnel: 200, womenPersonnel: 20, readiness: Readiness.RAPID_DEPLOYMENT, status: PledgeStatus.VERIFIED, event: "ACCRA_2023", renewalDue: "2026-12-31", unitDetails: "[DEMO] Company-size force, air-mobile" },
  { key: "deu-minusca-heli", contributor: "DEU", mission: "MINUSCA", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 120, womenPersonnel: 15, readiness: Readiness.LEVEL_2, status: PledgeStatus.PLEDGED, event: "BERLIN_2025", renewalDue: "2026-03-31", unitDetails: "[DEMO] Four medium utility helicopters" },
  { key: "rwa-unmiss-inf", contributor: "RWA", mission: "UNMISS", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, womenPersonnel: 80, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SUMMIT_2015", renewalDue: "2027-01-31", unitDetails: null },
  { key: "ind-unmiss-med", contributor: "IND", mission: "UNMISS", capabilityType: "MEDICAL_UNIT", quantity: 1, personnel: 60, womenPersonnel: 25, readiness: Readiness.LEVEL_2, status: PledgeStatus.PLEDGED, event: "SEOUL_2021", renewalDue: "2025-12-31", unitDetails: "[DEMO] Level II field hospital" },
  { key: "gbr-general-eng", contributor: "GBR", mission: null, capabilityType: "ENGINEERING_UNIT", quantity: 1, personnel: 250, womenPersonnel: 30, readiness: Readiness.LEVEL_1, status: PledgeStatus.PLEDGED, event: "LONDON_2016", renewalDue: "2024-09-30", unitDetails: null },
  { key: "nld-monusco-isr", contributor: "NLD", mission: "MONUSCO", capabilityType: "ISR_UAS_UNIT", quantity: 1, personnel: 70, womenPersonnel: 10, readiness: Readiness.LEVEL_2, status: PledgeStatus.WITHDRAWN, event: "VANCOUVER_2017", renewalDue: null, unitDetails: "[DEMO] Tactical UAS flight" },
  { key: "kor-minusca-heli", contributor: "KOR", mission: "MINUSCA", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 110, womenPersonnel: 12, readiness: Readiness.LEVEL_3, status: PledgeStatus.VERIFIED, event: "SEOUL_2021", renewalDue: "2027-05-31", unitDetails: "[DEMO] Three medium utility helicopters with night-flying capability", aggregateMarking: "GOVERNMENTS" },
  { key: "can-minusca-heli", contributor: "CAN", mission: "MINUSCA", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 100, womenPersonnel: 20, readiness: Readiness.LEVEL_1, status: PledgeStatus.PLEDGED, event: "VANCOUVER_2017", renewalDue: "2026-06-30", unitDetails: "[DEMO] Aviation task force, two utility helicopters" },
  { key: "gbr-minusca-armed-heli", contributor: "GBR", mission: "MINUSCA", capabilityType: "ARMED_HELICOPTER_UNIT", quantity: 1, personnel: 140, womenPersonnel: 10, readiness: Readiness.LEVEL_2, status: PledgeStatus.WITHDRAWN, event: "LONDON_2016", renewalDue: null, unitDetails: null },
  { key: "gha-minusca-med", contributor: "GHA", mission: "MINUSCA", capabilityType: "MEDICAL_UNIT", quantity: 1, personnel: 60, womenPersonnel: 22, readiness: Readiness.LEVEL_2, status: PledgeStatus.PLEDGED, event: "ACCRA_2023", renewalDue: "2027-06-30", unitDetails: "[DEMO] Level II hospital with aeromedical evacuation team", aggregateMarking: "PUBLIC" },
  { key: "bgd-unmiss-heli", contributor: "BGD", mission: "UNMISS", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 120, womenPersonnel: 10, readiness: Readiness.LEVEL_3, status: PledgeStatus.PLEDGED, event: "BERLIN_2025", renewalDue: "2026-08-31", unitDetails: "[DEMO] Utility helicopter unit, three airframes" },
  { key: "ind-monusco-heli", contributor: "IND", mission: "MONUSCO", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 110, womenPersonnel: 8, readiness: Readiness.LEVEL_3, status: PledgeStatus.EXPIRED, event: "VANCOUVER_2017", renewalDue: "2025-06-30", unitDetails: null },
  { key: "npl-general-inf", contributor: "NPL", mission: null, capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, womenPersonnel: 90, readiness: Readiness.RAPID_DEPLOYMENT, status: PledgeStatus.PLEDGED, event: "BERLIN_2025", renewalDue: "2027-09-30", unitDetails: "[DEMO] Rapidly deployable battalion, 60-day notice" },
  { key: "pak-monusco-heli", contributor: "PAK", mission: "MONUSCO", capabilityType: "ARMED_HELICOPTER_UNIT", quantity: 1, personnel: 140, womenPersonnel: 5, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SUMMIT_2015", renewalDue: "2027-03-31", unitDetails: null },
];
