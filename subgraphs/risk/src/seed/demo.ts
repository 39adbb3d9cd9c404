import type { Marking } from "@concert/policy";
import { AssessmentStatus, Confidence, Likelihood, Stage } from "../entities/enums.js";

/**
 * Invented demonstration assessments (flagged `demo`): they state no real partner's view.
 * Some countries are assessed by several partners who deliberately disagree.
 */
export const DEMO_ASSESSMENTS: {
  key: string;
  country: string;
  author: string;
  periodStart: string;
  periodEnd: string;
  likelihood: Likelihood;
  probability: number | null;
  confidence: Confidence;
  stage: Stage;
  status: AssessmentStatus;
  summary: string;
  scenarios: string[];
  recommendedActions: string[];
  marking: Marking;
  releasableTo: string[];
}[] = [
  {
    key: "usa-caf-2026a",
    country: "CAF",
    author: "USA",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.HIGH,
    probability: 0.35,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Armed groups are recruiting ahead of local elections; risk of targeted killings in the north-west.",
    scenarios: ["Election-related violence in the north-west", "Attacks on displaced persons' sites"],
    recommendedActions: ["Support the mission's early-warning network", "Coordinate sanctions on militia leaders"],
    marking: "PARTNERS",
    releasableTo: [],
  },
  {
    key: "eu-caf-2026a",
    country: "CAF",
    author: "EU",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.MODERATE,
    probability: 0.2,
    confidence: Confidence.MEDIUM,
    stage: Stage.PREVENTION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Violence remains local; the peace agreement's monitoring bodies still function.",
    scenarios: ["Breakdown of the peace agreement's monitoring"],
    recommendedActions: ["Fund local mediation committees"],
    marking: "GOVERNMENTS",
    releasableTo: [],
  },
  {
    key: "usa-ssd-2026a",
    country: "SSD",
    author: "USA",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.VERY_HIGH,
    probability: 0.55,
    confidence: Confidence.HIGH,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Renewed fighting and mobilisation along ethnic lines.",
    scenarios: ["Collapse of the transitional arrangements"],
    recommendedActions: ["Press for humanitarian access", "Support accountability mechanisms"],
    marking: "RESTRICTED",
    releasableTo: ["SLF", "UN"],
  },
  {
    key: "can-ssd-2026a",
    country: "SSD",
    author: "CAN",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.HIGH,
    probability: 0.4,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Localised clashes with a risk of escalation around the next census.",
    scenarios: ["Violence around the census"],
    recommendedActions: ["Support the mission's protection-of-civilians sites"],
    marking: "PUBLIC",
    releasableTo: [],
  },
  {
    key: "gcr2p-mmr-2026a",
    country: "MMR",
    author: "GCR2P",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.VERY_HIGH,
    probability: null,
    confidence: Confidence.HIGH,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Continued attacks on civilians and restrictions on humanitarian access.",
    scenarios: ["Escalation in Rakhine State"],
    recommendedActions: ["Refer the situation for accountability", "Protect civil-society observers"],
    marking: "PUBLIC",
    releasableTo: [],
  },
  {
    key: "deu-mmr-2026a",
    country: "MMR",
    author: "DEU",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: Likelihood.HIGH,
    probability: 0.45,
    confidence: Confidence.MEDIUM,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.DRAFT,
    summary: "[DEMO] Draft under internal review.",
    scenarios: [],
    recommendedActions: [],
    marking: "ORIGINATOR",
    releasableTo: [],
  },
];
