/**
 * Invented demonstration requirements and deployment snapshots (flagged `demo`) for MINUSCA,
 * UNMISS and MONUSCO. They are chosen so that gaps show, helicopters above all; the figures are
 * not the missions' real ones.
 */

type Row = [capabilityType: string, quantity: number, personnel: number];

export const DEMO_REQUIREMENTS: { mission: string; neededBy: string | null; rows: Row[] }[] = [
  {
    mission: "MINUSCA",
    neededBy: "2027-01-31",
    rows: [
      ["INFANTRY_BATTALION", 10, 8500],
      ["QUICK_REACTION_FORCE", 2, 400],
      ["UTILITY_HELICOPTER_UNIT", 4, 480],
      ["ARMED_HELICOPTER_UNIT", 2, 280],
      ["MEDICAL_UNIT", 3, 180],
    ],
  },
  {
    mission: "UNMISS",
    neededBy: "2027-03-31",
    rows: [
      ["INFANTRY_BATTALION", 8, 6800],
      ["UTILITY_HELICOPTER_UNIT", 3, 360],
      ["MEDICAL_UNIT", 2, 120],
      ["ENGINEERING_UNIT", 2, 400],
    ],
  },
  {
    mission: "MONUSCO",
    neededBy: null,
    rows: [
      ["ARMED_HELICOPTER_UNIT", 3, 420],
      ["UTILITY_HELICOPTER_UNIT", 4, 480],
      ["ISR_UAS_UNIT", 2, 140],
      ["QUICK_REACTION_FORCE", 1, 200],
    ],
  },
];

type Deployed = [contributor: string, capabilityType: string, units: number, personnel: number, womenPersonnel: number];

/** Per mission and month. MINUSCA's Pakistani helicopter unit rotates out in October; MONUSCO last reported in September. */
export const DEMO_DEPLOYMENTS: { mission: string; month: string; rows: Deployed[] }[] = [
  {
    mission: "MINUSCA",
    month: "2026-09",
    rows: [
      ["BGD", "INFANTRY_BATTALION", 1, 850, 60],
      ["RWA", "INFANTRY_BATTALION", 2, 1700, 150],
      ["PAK", "INFANTRY_BATTALION", 1, 850, 30],
      ["BGD", "UTILITY_HELICOPTER_UNIT", 1, 120, 8],
      ["PAK", "UTILITY_HELICOPTER_UNIT", 1, 110, 4],
      ["PAK", "QUICK_REACTION_FORCE", 1, 200, 10],
      ["GHA", "MEDICAL_UNIT", 1, 60, 20],
    ],
  },
  {
    mission: "MINUSCA",
    month: "2026-10",
    rows: [
      ["BGD", "INFANTRY_BATTALION", 1, 850, 62],
      ["RWA", "INFANTRY_BATTALION", 2, 1700, 155],
      ["PAK", "INFANTRY_BATTALION", 1, 850, 30],
      ["BGD", "UTILITY_HELICOPTER_UNIT", 1, 120, 8],
      ["PAK", "QUICK_REACTION_FORCE", 1, 200, 10],
      ["GHA", "MEDICAL_UNIT", 1, 60, 21],
    ],
  },
  {
    mission: "UNMISS",
    month: "2026-10",
    rows: [
      ["RWA", "INFANTRY_BATTALION", 2, 1700, 160],
      ["IND", "INFANTRY_BATTALION", 2, 1700, 70],
      ["IND", "UTILITY_HELICOPTER_UNIT", 1, 110, 6],
      ["BGD", "ENGINEERING_UNIT", 1, 200, 12],
    ],
  },
  {
    mission: "MONUSCO",
    month: "2026-09",
    rows: [
      ["PAK", "ARMED_HELICOPTER_UNIT", 1, 140, 5],
      ["IND", "UTILITY_HELICOPTER_UNIT", 2, 220, 10],
      ["NPL", "QUICK_REACTION_FORCE", 1, 200, 15],
    ],
  },
];
