import type { PartnerKind } from "@concert/policy";

/** The partner registry at first start. Government codes are ISO alpha-3; organisations use their acronyms. */
export const PARTNERS: { code: string; name: string; kind: PartnerKind; countryCode: string | null }[] = [
  { code: "USA", name: "United States of America", kind: "GOVERNMENT", countryCode: "USA" },
  { code: "CAN", name: "Canada", kind: "GOVERNMENT", countryCode: "CAN" },
  { code: "DEU", name: "Germany", kind: "GOVERNMENT", countryCode: "DEU" },
  { code: "FRA", name: "France", kind: "GOVERNMENT", countryCode: "FRA" },
  { code: "GBR", name: "United Kingdom", kind: "GOVERNMENT", countryCode: "GBR" },
  { code: "NLD", name: "Netherlands", kind: "GOVERNMENT", countryCode: "NLD" },
  { code: "AUS", name: "Australia", kind: "GOVERNMENT", countryCode: "AUS" },
  { code: "DNK", name: "Denmark", kind: "GOVERNMENT", countryCode: "DNK" },
  { code: "CHE", name: "Switzerland", kind: "GOVERNMENT", countryCode: "CHE" },
  { code: "GHA", name: "Ghana", kind: "GOVERNMENT", countryCode: "GHA" },
  { code: "RWA", name: "Rwanda", kind: "GOVERNMENT", countryCode: "RWA" },
  { code: "BGD", name: "Bangladesh", kind: "GOVERNMENT", countryCode: "BGD" },
  { code: "NPL", name: "Nepal", kind: "GOVERNMENT", countryCode: "NPL" },
  { code: "IND", name: "India", kind: "GOVERNMENT", countryCode: "IND" },
  { code: "PAK", name: "Pakistan", kind: "GOVERNMENT", countryCode: "PAK" },
  { code: "KOR", name: "Republic of Korea", kind: "GOVERNMENT", countryCode: "KOR" },
  { code: "UN", name: "United Nations", kind: "MULTILATERAL", countryCode: null },
  { code: "EU", name: "European Union", kind: "MULTILATERAL", countryCode: null },
  { code: "AU", name: "African Union", kind: "MULTILATERAL", countryCode: null },
  { code: "NATO", name: "North Atlantic Treaty Organization", kind: "MULTILATERAL", countryCode: null },
  { code: "GCR2P", name: "Global Centre for the Responsibility to Protect", kind: "CIVIL_SOCIETY", countryCode: null },
  { code: "ICG", name: "International Crisis Group", kind: "CIVIL_SOCIETY", countryCode: null },
  // The development deployment's operator (CONCERT_OPERATORS defaults to OPS): it keeps the registry and reads as civil society does.
  { code: "OPS", name: "Concert operator", kind: "CIVIL_SOCIETY", countryCode: null },
];

export const PARTNERS_ACTIVE_FROM = "2015-01-01";

export const FORUMS = [
  {
    code: "SLF",
    name: "Stabilization Leaders Forum",
    description:
      "Heads of the stabilization units of like-minded governments, comparing how each prevents and responds to violent conflict.",
  },
  {
    code: "GAAMAC",
    name: "Global Action Against Mass Atrocity Crimes",
    description: "A state-led network, with civil society, for sharing practice in preventing mass atrocity crimes.",
  },
  {
    code: "R2PFP",
    name: "Global Network of R2P Focal Points",
    description:
      "Senior officials appointed by governments and organisations to coordinate atrocity prevention, with the Global Centre for R2P as secretariat.",
  },
];

/** Publicly named members. Start dates are the year of joining, as far as public sources give it. */
export const MEMBERSHIPS: { forum: string; partner: string; role: "MEMBER" | "CO_CHAIR" | "OBSERVER"; since: string }[] = [
  ...["AUS", "CAN", "DNK", "FRA", "DEU", "NLD", "GBR", "USA"].map((partner) => ({
    forum: "SLF",
    partner,
    role: "MEMBER" as const,
    since: "2015-01-01",
  })),
  ...["CHE", "DNK"].map((partner) => ({ forum: "GAAMAC", partner, role: "MEMBER" as const, since: "2013-01-01" })),
  { forum: "GAAMAC", partner: "GCR2P", role: "MEMBER", since: "2013-01-01" },
  ...["DNK", "GHA", "AUS"].map((partner) => ({ forum: "R2PFP", partner, role: "CO_CHAIR" as const, since: "2010-01-01" })),
  ...["CHE", "NLD", "DEU", "GBR", "EU"].map((partner) => ({ forum: "R2PFP", partner, role: "MEMBER" as const, since: "2013-01-01" })),
  { forum: "R2PFP", partner: "GCR2P", role: "OBSERVER", since: "2010-01-01" },
];

export const THEMES = [
  { code: "EARLY_WARNING", name: "Early warning" },
  { code: "TRAINING", name: "Training" },
  { code: "SANCTIONS_COORDINATION", name: "Sanctions coordination" },
  { code: "FIELD_COORDINATION", name: "Field coordination" },
  { code: "PEACEKEEPING_SUPPORT", name: "Peacekeeping support" },
  { code: "CIVIL_SOCIETY_PARTNERSHIP", name: "Civil-society partnership" },
  { code: "ACCOUNTABILITY", name: "Accountability" },
  { code: "MEDIATION", name: "Mediation" },
  { code: "MAINSTREAMING", name: "Mainstreaming atrocity prevention" },
];
