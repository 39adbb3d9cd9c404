import type { Marking } from "@concert/policy";
import {
  ActorRole,
  AssessmentStatus,
  Confidence,
  InformationCredibility,
  Likelihood,
  RatingLevel,
  Reliability,
  SourceReliability,
  Stage,
} from "../entities/enums.js";

type Level = keyof typeof RatingLevel;

export interface DemoFinding {
  factor: number;
  indicator: string | null;
  evidence: string;
  source: string;
  observedOn: string;
  reliability: Reliability;
  sourceReliability?: SourceReliability;
  informationCredibility?: InformationCredibility;
}

export interface DemoAssessment {
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
  /** Key of the demo assessment this one revises. */
  supersedes?: string;
  summary: string;
  scenarios: string[];
  recommendedActions: string[];
  marking: Marking;
  releasableTo: string[];
  evidenceMarking: Marking;
  evidenceReleasableTo: string[];
  actors?: { name: string; role: ActorRole }[];
  targetGroups?: string[];
  resilienceFactors?: string[];
  triggers?: { event: string; expectedOn: string | null; indicator: string | null }[];
  /** Rating level per factor number. */
  ratings: Record<number, Level>;
  findings: DemoFinding[];
}

const H1 = { periodStart: "2026-01-01", periodEnd: "2026-06-30" };
const H2_2025 = { periodStart: "2025-07-01", periodEnd: "2025-12-31" };
const AUTHOR_ONLY_EVIDENCE = { evidenceMarking: "ORIGINATOR" as Marking, evidenceReleasableTo: [] as string[] };

/**
 * Invented demonstration assessments (flagged `demo`): they state no real partner's view.
 * Several partners assess CAF, SSD, MMR and SDN and deliberately disagree, factor by factor.
 */
export const DEMO_ASSESSMENTS: DemoAssessment[] = [
  {
    key: "usa-caf-2026a",
    actors: [
      { name: "[DEMO] Armed group A", role: ActorRole.PERPETRATOR },
      { name: "[DEMO] Community protection committees", role: ActorRole.PROTECTOR },
    ],
    targetGroups: ["[DEMO] Displaced persons in the north-west"],
    resilienceFactors: ["[DEMO] Local peace committees"],
    triggers: [{ event: "[DEMO] Local elections", expectedOn: "2026-09-20", indicator: "8.8" }],
    country: "CAF",
    author: "USA",
    ...H1,
    likelihood: Likelihood.HIGH,
    probability: 0.5,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Armed groups are recruiting ahead of local elections; risk of targeted killings in the north-west.",
    scenarios: ["Election-related violence in the north-west", "Attacks on displaced persons' sites"],
    recommendedActions: ["Support the mission's early-warning network", "Coordinate sanctions on militia leaders"],
    marking: "PARTNERS",
    releasableTo: [],
    evidenceMarking: "RESTRICTED",
    evidenceReleasableTo: ["SLF"],
    ratings: { 1: "HIGH", 2: "HIGH", 3: "SEVERE", 5: "MODERATE", 7: "HIGH", 8: "HIGH" },
    findings: [
      {
        factor: 7,
        indicator: "7.5",
        evidence: "[DEMO] Two armed groups opened recruitment points near displacement sites.",
        source: "[DEMO] Embassy field contact, second-hand account",
        observedOn: "2026-02-10",
        reliability: Reliability.PROBABLY_TRUE,
        sourceReliability: SourceReliability.C,
        informationCredibility: InformationCredibility.PROBABLY_TRUE,
      },
      {
        factor: 8,
        indicator: "8.8",
        evidence: "[DEMO] Local elections scheduled in districts with recent clashes.",
        source: "[DEMO] Electoral calendar, public",
        observedOn: "2026-01-20",
        reliability: Reliability.CONFIRMED,
        sourceReliability: SourceReliability.A,
        informationCredibility: InformationCredibility.CONFIRMED,
      },
    ],
  },
  {
    key: "eu-caf-2026a",
    country: "CAF",
    author: "EU",
    ...H1,
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
    evidenceMarking: "GOVERNMENTS",
    evidenceReleasableTo: [],
    ratings: { 1: "MODERATE", 2: "MODERATE", 3: "HIGH", 5: "LOW", 7: "MODERATE", 8: "LOW" },
    findings: [
      {
        factor: 7,
        indicator: "7.5",
        evidence: "[DEMO] Militia activity reported but no sign of new recruitment.",
        source: "[DEMO] EU delegation reporting",
        observedOn: "2026-02-15",
        reliability: Reliability.POSSIBLY_TRUE,
      },
    ],
  },
  {
    key: "usa-ssd-2025b",
    country: "SSD",
    author: "USA",
    ...H2_2025,
    likelihood: Likelihood.HIGH,
    probability: 0.55,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Localised fighting with a risk of mobilisation along ethnic lines.",
    scenarios: ["Delays to the transitional timetable"],
    recommendedActions: ["Support local peace conferences"],
    marking: "RESTRICTED",
    releasableTo: ["SLF", "UN"],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 1: "HIGH", 8: "MODERATE", 9: "HIGH" },
    findings: [],
  },
  {
    key: "usa-ssd-2026a",
    country: "SSD",
    author: "USA",
    ...H1,
    likelihood: Likelihood.VERY_HIGH,
    probability: 0.85,
    confidence: Confidence.HIGH,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Renewed fighting and mobilisation along ethnic lines.",
    scenarios: ["Collapse of the transitional arrangements"],
    recommendedActions: ["Press for humanitarian access", "Support accountability mechanisms"],
    marking: "RESTRICTED",
    releasableTo: ["SLF", "UN"],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 1: "SEVERE", 7: "HIGH", 8: "SEVERE", 9: "SEVERE", 13: "HIGH" },
    findings: [
      {
        factor: 13,
        indicator: "13.8",
        evidence: "[DEMO] Convoys turned back at three checkpoints in one month.",
        source: "[DEMO] Humanitarian partner reporting",
        observedOn: "2026-03-03",
        reliability: Reliability.CONFIRMED,
      },
    ],
  },
  {
    key: "can-ssd-2026a-r1",
    country: "SSD",
    author: "CAN",
    ...H1,
    likelihood: Likelihood.MODERATE,
    probability: 0.25,
    confidence: Confidence.LOW,
    stage: Stage.PREVENTION,
    status: AssessmentStatus.SUPERSEDED,
    summary: "[DEMO] Localised clashes; escalation not expected before the census.",
    scenarios: ["Violence around the census"],
    recommendedActions: ["Support the mission's protection-of-civilians sites"],
    marking: "PUBLIC",
    releasableTo: [],
    evidenceMarking: "PARTNERS",
    evidenceReleasableTo: [],
    ratings: { 1: "HIGH", 8: "MODERATE", 9: "MODERATE" },
    findings: [],
  },
  {
    key: "can-ssd-2026a",
    country: "SSD",
    author: "CAN",
    ...H1,
    supersedes: "can-ssd-2026a-r1",
    likelihood: Likelihood.HIGH,
    probability: 0.55,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Localised clashes with a risk of escalation around the next census.",
    scenarios: ["Violence around the census"],
    recommendedActions: ["Support the mission's protection-of-civilians sites"],
    marking: "PUBLIC",
    releasableTo: [],
    evidenceMarking: "PARTNERS",
    evidenceReleasableTo: [],
    ratings: { 1: "HIGH", 7: "MODERATE", 8: "HIGH", 9: "MODERATE", 13: "MODERATE" },
    findings: [
      {
        factor: 8,
        indicator: "8.8",
        evidence: "[DEMO] Census preparations contested by two communities.",
        source: "[DEMO] Open-source media monitoring",
        observedOn: "2026-02-01",
        reliability: Reliability.POSSIBLY_TRUE,
      },
    ],
  },
  {
    key: "un-ssd-2026a",
    country: "SSD",
    author: "UN",
    ...H1,
    likelihood: Likelihood.MODERATE,
    probability: null,
    confidence: Confidence.MEDIUM,
    stage: Stage.MITIGATION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Violence is contained where the mission is present; humanitarian operations remain under threat.",
    scenarios: ["Attacks on humanitarian convoys"],
    recommendedActions: ["Reinforce mission presence on supply routes"],
    marking: "GOVERNMENTS",
    releasableTo: [],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 1: "MODERATE", 7: "MODERATE", 8: "MODERATE", 9: "LOW", 13: "HIGH", 14: "HIGH" },
    findings: [],
  },
  {
    key: "gcr2p-mmr-2026a",
    country: "MMR",
    author: "GCR2P",
    ...H1,
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
    evidenceMarking: "PARTNERS",
    evidenceReleasableTo: [],
    ratings: { 2: "SEVERE", 9: "SEVERE", 10: "HIGH", 11: "SEVERE", 13: "SEVERE" },
    findings: [
      {
        factor: 13,
        indicator: "13.8",
        evidence: "[DEMO] Aid deliveries blocked to several townships.",
        source: "[DEMO] Local partner organisations",
        observedOn: "2026-02-20",
        reliability: Reliability.PROBABLY_TRUE,
      },
    ],
  },
  {
    key: "deu-mmr-2026a",
    country: "MMR",
    author: "DEU",
    ...H1,
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
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 9: "HIGH" },
    findings: [],
  },
  {
    key: "eu-mmr-2026a",
    country: "MMR",
    author: "EU",
    ...H1,
    likelihood: Likelihood.HIGH,
    probability: 0.5,
    confidence: Confidence.MEDIUM,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Serious violations continue; large-scale atrocities likely only where fighting spreads.",
    scenarios: ["Fighting spreads to the central regions"],
    recommendedActions: ["Maintain targeted restrictive measures"],
    marking: "PARTNERS",
    releasableTo: [],
    evidenceMarking: "GOVERNMENTS",
    evidenceReleasableTo: [],
    ratings: { 2: "HIGH", 9: "HIGH", 10: "MODERATE", 11: "HIGH", 13: "HIGH" },
    findings: [],
  },
  {
    key: "usa-mmr-2026a",
    country: "MMR",
    author: "USA",
    ...H1,
    likelihood: Likelihood.HIGH,
    probability: 0.55,
    confidence: Confidence.MEDIUM,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Attacks on civilians persist; access for monitors is shrinking.",
    scenarios: ["Mass displacement across the border"],
    recommendedActions: ["Support documentation of violations"],
    marking: "GOVERNMENTS",
    releasableTo: [],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 2: "SEVERE", 9: "HIGH", 10: "MODERATE", 11: "HIGH", 13: "SEVERE" },
    findings: [],
  },
  {
    key: "gbr-sdn-2026a",
    country: "SDN",
    author: "GBR",
    ...H1,
    likelihood: Likelihood.VERY_HIGH,
    probability: 0.85,
    confidence: Confidence.HIGH,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Systematic attacks on civilians in several regions.",
    scenarios: ["Sieges of major towns"],
    recommendedActions: ["Press for humanitarian access", "Support documentation of violations"],
    marking: "RESTRICTED",
    releasableTo: ["SLF"],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 1: "SEVERE", 11: "SEVERE", 13: "SEVERE", 14: "HIGH" },
    findings: [],
  },
  {
    key: "gcr2p-sdn-2026a",
    country: "SDN",
    author: "GCR2P",
    ...H1,
    likelihood: Likelihood.VERY_HIGH,
    probability: null,
    confidence: Confidence.HIGH,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Mass atrocity crimes are being committed and are likely to continue.",
    scenarios: ["Further attacks on displacement camps"],
    recommendedActions: ["Protect civilians in displacement camps"],
    marking: "PUBLIC",
    releasableTo: [],
    evidenceMarking: "PUBLIC",
    evidenceReleasableTo: [],
    ratings: { 1: "SEVERE", 9: "SEVERE", 11: "SEVERE", 13: "SEVERE" },
    findings: [
      {
        factor: 11,
        indicator: "11.1",
        evidence: "[DEMO] Repeated attacks on villages of one community.",
        source: "[DEMO] Survivor testimonies collected by partners",
        observedOn: "2026-01-28",
        reliability: Reliability.PROBABLY_TRUE,
      },
    ],
  },
  {
    key: "eu-sdn-2026a",
    country: "SDN",
    author: "EU",
    ...H1,
    likelihood: Likelihood.HIGH,
    probability: 0.5,
    confidence: Confidence.MEDIUM,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Widespread violations; risk highest around contested towns.",
    scenarios: ["Fighting over contested towns"],
    recommendedActions: ["Support ceasefire monitoring"],
    marking: "PARTNERS",
    releasableTo: [],
    evidenceMarking: "GOVERNMENTS",
    evidenceReleasableTo: [],
    ratings: { 1: "SEVERE", 9: "HIGH", 11: "HIGH", 13: "HIGH", 14: "MODERATE" },
    findings: [],
  },
  {
    key: "deu-sdn-2026a",
    country: "SDN",
    author: "DEU",
    ...H1,
    likelihood: Likelihood.HIGH,
    probability: 0.45,
    confidence: Confidence.MEDIUM,
    stage: Stage.RESPONSE,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Atrocity risk remains high in several regions.",
    scenarios: ["Renewed offensives after the rainy season"],
    recommendedActions: ["Fund civil-society documentation"],
    marking: "RESTRICTED",
    releasableTo: ["R2PFP"],
    ...AUTHOR_ONLY_EVIDENCE,
    ratings: { 1: "HIGH", 9: "HIGH", 11: "HIGH" },
    findings: [],
  },
  {
    key: "can-hti-2026a",
    country: "HTI",
    author: "CAN",
    ...H1,
    likelihood: Likelihood.MODERATE,
    probability: 0.2,
    confidence: Confidence.LOW,
    stage: Stage.PREVENTION,
    status: AssessmentStatus.PUBLISHED,
    summary: "[DEMO] Gang violence with a risk of targeted attacks on communities.",
    scenarios: ["Gangs expand into new districts"],
    recommendedActions: ["Support the security support mission"],
    marking: "PUBLIC",
    releasableTo: [],
    evidenceMarking: "PUBLIC",
    evidenceReleasableTo: [],
    ratings: { 1: "HIGH", 3: "SEVERE", 5: "MODERATE" },
    findings: [],
  },
];

export interface DemoWatchlist {
  partner: string;
  title: string;
  marking: Marking;
  releasableTo: string[];
  /** Countries in order of concern, with the rationale and the day they were listed. */
  entries: [country: string, rationale: string, since: string][];
}

/** Invented demonstration watchlists (flagged `demo`), shared under different markings. */
export const DEMO_WATCHLISTS: DemoWatchlist[] = [
  {
    partner: "USA",
    title: "[DEMO] Countries of concern",
    marking: "GOVERNMENTS",
    releasableTo: [],
    entries: [
      ["SSD", "[DEMO] Mobilisation along ethnic lines", "2024-01-15"],
      ["CAF", "[DEMO] Armed-group recruitment before elections", "2025-03-01"],
      ["MMR", "[DEMO] Attacks on civilians", "2021-02-01"],
      ["SDN", "[DEMO] Systematic attacks on civilians", "2023-04-20"],
    ],
  },
  {
    partner: "CAN",
    title: "[DEMO] Early-warning watchlist",
    marking: "PUBLIC",
    releasableTo: [],
    entries: [
      ["SSD", "[DEMO] Census-related tensions", "2025-06-01"],
      ["HTI", "[DEMO] Gang violence against communities", "2024-09-01"],
    ],
  },
  {
    partner: "DEU",
    title: "[DEMO] Priority countries for atrocity prevention",
    marking: "RESTRICTED",
    releasableTo: ["R2PFP"],
    entries: [
      ["MMR", "[DEMO] Discrimination against protected groups", "2021-03-01"],
      ["SDN", "[DEMO] Widespread attacks on civilians", "2023-05-01"],
      ["CAF", "[DEMO] Fragile peace agreement", "2025-01-10"],
    ],
  },
  {
    partner: "GBR",
    title: "[DEMO] Atrocity-risk watchlist",
    marking: "RESTRICTED",
    releasableTo: ["SLF"],
    entries: [
      ["SDN", "[DEMO] Sieges of towns", "2023-04-20"],
      ["ETH", "[DEMO] Unresolved regional conflicts", "2022-11-01"],
    ],
  },
  {
    partner: "EU",
    title: "[DEMO] Conflict early-warning priorities",
    marking: "PARTNERS",
    releasableTo: [],
    entries: [
      ["CAF", "[DEMO] Local violence and weak state presence", "2024-02-01"],
      ["SDN", "[DEMO] Widespread violations", "2023-04-25"],
      ["MMR", "[DEMO] Serious violations continue", "2021-02-15"],
    ],
  },
  {
    partner: "UN",
    title: "[DEMO] Situations of concern",
    marking: "GOVERNMENTS",
    releasableTo: [],
    entries: [
      ["SSD", "[DEMO] Threats to humanitarian operations", "2024-05-01"],
      ["COD", "[DEMO] Armed groups in the east", "2022-01-01"],
      ["SDN", "[DEMO] Attacks on civilians", "2023-04-20"],
    ],
  },
  {
    partner: "GCR2P",
    title: "[DEMO] Populations at risk",
    marking: "PUBLIC",
    releasableTo: [],
    entries: [
      ["MMR", "[DEMO] Ongoing atrocities", "2017-08-25"],
      ["SDN", "[DEMO] Ongoing atrocities", "2023-04-15"],
      ["SSD", "[DEMO] Imminent risk", "2024-03-01"],
      ["COD", "[DEMO] Imminent risk", "2022-06-01"],
    ],
  },
];
