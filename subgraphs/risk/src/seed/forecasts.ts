import type { Marking } from "@concert/policy";
import { QuestionStatus, Stance } from "../entities/enums.js";

/** The deployment's operator in development, who opens and resolves the questions. */
const OPERATOR = "OPS";

export interface DemoQuestion {
  key: string;
  criteria: string;
  country: string;
  windowStart: string;
  windowEnd: string;
  status: QuestionStatus;
  resolvedOn: string | null;
  resolutionSource: string | null;
}

const CRITERIA =
  "[DEMO] Resolved YES if credible public reporting shows that the same armed group deliberately killed 1,000 or more noncombatants in the country within the window, in a period of a year or less.";

/** Invented demonstration questions (flagged `demo`): three resolved in 2025, two open. */
export const DEMO_QUESTIONS: DemoQuestion[] = (
  [
    {
      key: "caf-2025",
      country: "CAF",
      windowStart: "2025-01-01",
      windowEnd: "2025-12-31",
      status: QuestionStatus.RESOLVED_NO,
      resolvedOn: "2026-01-10",
      resolutionSource: "[DEMO] Operator's review of public casualty reporting",
    },
    {
      key: "sdn-2025",
      country: "SDN",
      windowStart: "2025-01-01",
      windowEnd: "2025-12-31",
      status: QuestionStatus.RESOLVED_YES,
      resolvedOn: "2025-10-31",
      resolutionSource: "[DEMO] Operator's review of public casualty reporting",
    },
    {
      key: "ssd-2025",
      country: "SSD",
      windowStart: "2025-01-01",
      windowEnd: "2025-12-31",
      status: QuestionStatus.RESOLVED_NO,
      resolvedOn: "2026-01-10",
      resolutionSource: "[DEMO] Operator's review of public casualty reporting",
    },
    {
      key: "mmr-2026",
      country: "MMR",
      windowStart: "2026-07-01",
      windowEnd: "2027-12-31",
      status: QuestionStatus.OPEN,
      resolvedOn: null,
      resolutionSource: null,
    },
    {
      key: "ssd-2026",
      country: "SSD",
      windowStart: "2026-01-01",
      windowEnd: "2027-12-31",
      status: QuestionStatus.OPEN,
      resolvedOn: null,
      resolutionSource: null,
    },
  ] as Omit<DemoQuestion, "criteria">[]
).map((q) => ({ ...q, criteria: CRITERIA }));

export const DEMO_OPERATOR = OPERATOR;

export interface DemoForecastHistory {
  question: string;
  partner: string;
  marking: Marking;
  releasableTo: string[];
  /** [day made (YYYY-MM-DD), probability], oldest first. */
  history: [string, number][];
}

const PARTNERS = { marking: "PARTNERS" as Marking, releasableTo: [] as string[] };

/** Invented forecast histories: several partners per question; GBR's on Sudan is released to the SLF only, DEU's on Myanmar to the R2P focal points. */
export const DEMO_FORECASTS: DemoForecastHistory[] = [
  {
    question: "caf-2025",
    partner: "USA",
    ...PARTNERS,
    history: [
      ["2025-01-05", 0.3],
      ["2025-06-01", 0.2],
    ],
  },
  { question: "caf-2025", partner: "GBR", ...PARTNERS, history: [["2025-01-10", 0.15]] },
  { question: "caf-2025", partner: "EU", ...PARTNERS, history: [["2025-02-01", 0.1]] },
  {
    question: "caf-2025",
    partner: "GCR2P",
    ...PARTNERS,
    history: [
      ["2025-01-20", 0.4],
      ["2025-07-01", 0.3],
    ],
  },
  { question: "caf-2025", partner: "CAN", ...PARTNERS, history: [["2025-03-01", 0.2]] },
  {
    question: "sdn-2025",
    partner: "USA",
    ...PARTNERS,
    history: [
      ["2025-01-05", 0.6],
      ["2025-05-01", 0.8],
    ],
  },
  { question: "sdn-2025", partner: "GBR", marking: "RESTRICTED", releasableTo: ["SLF"], history: [["2025-01-10", 0.7]] },
  { question: "sdn-2025", partner: "EU", ...PARTNERS, history: [["2025-02-01", 0.5]] },
  { question: "sdn-2025", partner: "GCR2P", ...PARTNERS, history: [["2025-01-20", 0.85]] },
  { question: "sdn-2025", partner: "CAN", ...PARTNERS, history: [["2025-03-01", 0.55]] },
  { question: "ssd-2025", partner: "USA", ...PARTNERS, history: [["2025-01-05", 0.45]] },
  { question: "ssd-2025", partner: "EU", ...PARTNERS, history: [["2025-02-01", 0.25]] },
  { question: "ssd-2025", partner: "GCR2P", ...PARTNERS, history: [["2025-01-20", 0.35]] },
  { question: "ssd-2025", partner: "CAN", ...PARTNERS, history: [["2025-03-01", 0.3]] },
  { question: "mmr-2026", partner: "USA", ...PARTNERS, history: [["2026-07-05", 0.55]] },
  { question: "mmr-2026", partner: "EU", ...PARTNERS, history: [["2026-07-15", 0.5]] },
  { question: "mmr-2026", partner: "GCR2P", ...PARTNERS, history: [["2026-07-10", 0.7]] },
  { question: "mmr-2026", partner: "DEU", marking: "RESTRICTED", releasableTo: ["R2PFP"], history: [["2026-08-01", 0.6]] },
  { question: "ssd-2026", partner: "USA", ...PARTNERS, history: [["2026-01-05", 0.4]] },
  { question: "ssd-2026", partner: "CAN", ...PARTNERS, history: [["2026-02-01", 0.35]] },
];

export interface DemoOpinion {
  key: string;
  /** Key of the demo assessment. */
  assessment: string;
  partner: string;
  factor: number | null;
  stance: Stance;
  explanation: string;
  marking: Marking;
  releasableTo: string[];
}

/** Invented opinions: the EU and the US on each other's CAF assessments, Canada on the US view of South Sudan (released to the SLF and the UN only). */
export const DEMO_OPINIONS: DemoOpinion[] = [
  {
    key: "eu-on-usa-caf-8",
    assessment: "usa-caf-2026a",
    partner: "EU",
    factor: 8,
    stance: Stance.DISAGREE,
    explanation: "[DEMO] The local elections are likely to be postponed; we see no trigger this period.",
    ...PARTNERS,
  },
  {
    key: "usa-on-eu-caf",
    assessment: "eu-caf-2026a",
    partner: "USA",
    factor: null,
    stance: Stance.AGREE,
    explanation: "[DEMO] We share the overall reading, if not the rating of triggers.",
    ...PARTNERS,
  },
  {
    key: "can-on-usa-ssd-9",
    assessment: "usa-ssd-2026a",
    partner: "CAN",
    factor: 9,
    stance: Stance.STRONGLY_DISAGREE,
    explanation: "[DEMO] Intergroup tensions have eased since the local peace agreements.",
    ...PARTNERS,
  },
];
