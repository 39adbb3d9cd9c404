import { PledgeStatus, Readiness } from "../entities/enums.js";

/**
 * Invented demonstration pledges (flagged `demo`); they state no real commitment. By default
 * the contributor and the UN see a pledge's detail, and every partner counts it in totals.
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
}[] = [
  { key: "bgd-minusca-inf", contributor: "BGD", mission: "MINUSCA", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, womenPersonnel: 60, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SEOUL_2021", renewalDue: "2027-06-30", unitDetails: "[DEMO] Battalion with organic engineering company" },
  { key: "npl-minusca-qrf", contributor: "NPL", mission: "MINUSCA", capabilityType: "QUICK_REACTION_FORCE", quantity: 1, personnel: 200, womenPersonnel: 20, readiness: Readiness.RAPID_DEPLOYMENT, status: PledgeStatus.VERIFIED, event: "ACCRA_2023", renewalDue: "2026-12-31", unitDetails: "[DEMO] Company-size force, air-mobile" },
  { key: "deu-minusca-heli", contributor: "DEU", mission: "MINUSCA", capabilityType: "UTILITY_HELICOPTER_UNIT", quantity: 1, personnel: 120, womenPersonnel: 15, readiness: Readiness.LEVEL_2, status: PledgeStatus.PLEDGED, event: "BERLIN_2025", renewalDue: "2026-03-31", unitDetails: "[DEMO] Four medium utility helicopters" },
  { key: "rwa-unmiss-inf", contributor: "RWA", mission: "UNMISS", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, womenPersonnel: 80, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SUMMIT_2015", renewalDue: "2027-01-31", unitDetails: null },
  { key: "ind-unmiss-med", contributor: "IND", mission: "UNMISS", capabilityType: "MEDICAL_UNIT", quantity: 1, personnel: 60, womenPersonnel: 25, readiness: Readiness.LEVEL_2, status: PledgeStatus.PLEDGED, event: "SEOUL_2021", renewalDue: "2025-12-31", unitDetails: "[DEMO] Level II field hospital" },
  { key: "gbr-general-eng", contributor: "GBR", mission: null, capabilityType: "ENGINEERING_UNIT", quantity: 1, personnel: 250, womenPersonnel: 30, readiness: Readiness.LEVEL_1, status: PledgeStatus.PLEDGED, event: "LONDON_2016", renewalDue: "2024-09-30", unitDetails: null },
  { key: "nld-monusco-isr", contributor: "NLD", mission: "MONUSCO", capabilityType: "ISR_UAS_UNIT", quantity: 1, personnel: 70, womenPersonnel: 10, readiness: Readiness.LEVEL_2, status: PledgeStatus.WITHDRAWN, event: "VANCOUVER_2017", renewalDue: null, unitDetails: "[DEMO] Tactical UAS flight" },
  { key: "pak-monusco-heli", contributor: "PAK", mission: "MONUSCO", capabilityType: "ARMED_HELICOPTER_UNIT", quantity: 1, personnel: 140, womenPersonnel: 5, readiness: Readiness.LEVEL_3, status: PledgeStatus.DEPLOYED, event: "SUMMIT_2015", renewalDue: "2027-03-31", unitDetails: null },
];
