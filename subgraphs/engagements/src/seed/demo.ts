import type { Marking } from "@concert/policy";
import { EngagementKind } from "../entities/engagement.js";
import { PracticeKind } from "../entities/practice.js";

/** Invented demonstration engagements: flagged `demo`, they describe no real meeting. */
export const DEMO_ENGAGEMENTS: {
  key: string;
  kind: EngagementKind;
  title: string;
  forum: string | null;
  originator: string;
  participants: string[];
  countries: string[];
  date: string;
  summary: string;
  outcomes: string[];
  marking: Marking;
  releasableTo: string[];
}[] = [
  {
    key: "slf-early-warning",
    kind: EngagementKind.MEETING,
    title: "[DEMO] SLF working session on early-warning indicators",
    forum: "SLF",
    originator: "CAN",
    participants: ["CAN", "DEU", "GBR", "USA"],
    countries: ["CAF", "SSD"],
    date: "2026-03-12",
    summary: "Demonstration data. Members compared how their early-warning cells weigh triggering factors such as elections and militia recruitment.",
    outcomes: ["Exchange indicator lists before the next session", "Draft a common glossary of risk factors"],
    marking: "RESTRICTED",
    releasableTo: ["SLF"],
  },
  {
    key: "car-field-coordination",
    kind: EngagementKind.FIELD_COORDINATION,
    title: "[DEMO] Field coordination on protection of civilians in the Central African Republic",
    forum: null,
    originator: "UN",
    participants: ["UN", "FRA", "USA", "EU"],
    countries: ["CAF"],
    date: "2026-05-04",
    summary: "Demonstration data. Mission and partner staff mapped early-warning networks around mission bases and agreed on information sharing.",
    outcomes: ["Monthly protection coordination call", "Shared map of community alert networks"],
    marking: "PARTNERS",
    releasableTo: [],
  },
  {
    key: "sahel-joint-assessment",
    kind: EngagementKind.JOINT_ASSESSMENT,
    title: "[DEMO] Joint assessment of atrocity risks in the central Sahel",
    forum: null,
    originator: "EU",
    participants: ["EU", "UN", "AU", "FRA", "DEU"],
    countries: ["MLI", "BFA", "NER"],
    date: "2026-02-20",
    summary: "Demonstration data. A joint desk review of risk factors 1, 7 and 8 across three countries.",
    outcomes: ["Shared risk-factor ratings", "Recommendations for mediation support"],
    marking: "GOVERNMENTS",
    releasableTo: [],
  },
  {
    key: "focal-points-training",
    kind: EngagementKind.TRAINING,
    title: "[DEMO] Atrocity-prevention training for new R2P focal points",
    forum: "R2PFP",
    originator: "GCR2P",
    participants: ["GCR2P", "DNK", "GHA", "AUS"],
    countries: [],
    date: "2026-06-18",
    summary: "Demonstration data. A two-day course on the UN Framework of Analysis for Atrocity Crimes for recently appointed focal points.",
    outcomes: ["Course material published for all focal points"],
    marking: "PUBLIC",
    releasableTo: [],
  },
  {
    key: "myanmar-demarche",
    kind: EngagementKind.DEMARCHE,
    title: "[DEMO] Démarche on humanitarian access",
    forum: null,
    originator: "USA",
    participants: ["USA"],
    countries: ["MMR"],
    date: "2026-04-02",
    summary: "Demonstration data. Talking points and the response received.",
    outcomes: ["Follow-up with like-minded partners"],
    marking: "ORIGINATOR",
    releasableTo: [],
  },
];

/** Invented demonstration practices, flagged `demo`. */
export const DEMO_PRACTICES: {
  key: string;
  kind: PracticeKind;
  theme: string;
  title: string;
  originator: string;
  countries: string[];
  summary: string;
  evidenceOfEffect: string | null;
  engagement: string | null;
  marking: Marking;
  releasableTo: string[];
}[] = [
  {
    key: "usa-early-warning",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "EARLY_WARNING",
    title: "[DEMO] Interagency early-warning task force with a watchlist reviewed every quarter",
    originator: "USA",
    countries: [],
    summary: "Demonstration data. Analysts from several departments rate countries on common risk factors and escalate those whose trend worsens.",
    evidenceOfEffect: "Demonstration data. Escalated countries received a prevention plan within weeks.",
    engagement: null,
    marking: "PUBLIC",
    releasableTo: [],
  },
  {
    key: "can-early-warning",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "EARLY_WARNING",
    title: "[DEMO] Early-warning cell linked to embassies through a monthly reporting template",
    originator: "CAN",
    countries: ["CAF", "SSD"],
    summary: "Demonstration data. Embassies report on a short template aligned with the UN Framework of Analysis, so that headquarters can compare countries.",
    evidenceOfEffect: "Demonstration data. Reporting coverage rose from 40% to 90% of priority countries.",
    engagement: "slf-early-warning",
    marking: "PARTNERS",
    releasableTo: [],
  },
  {
    key: "deu-early-warning",
    kind: PracticeKind.LESSON_LEARNED,
    theme: "EARLY_WARNING",
    title: "[DEMO] Quantitative forecasts need a qualitative review before they trigger action",
    originator: "DEU",
    countries: ["SSD"],
    summary: "Demonstration data. A statistical model flagged the right countries but too late; pairing it with expert review moved warnings earlier.",
    evidenceOfEffect: null,
    engagement: "slf-early-warning",
    marking: "GOVERNMENTS",
    releasableTo: [],
  },
  {
    key: "gbr-early-warning",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "EARLY_WARNING",
    title: "[DEMO] Joint analysis of conflict and stability shared with forum partners",
    originator: "GBR",
    countries: ["CAF"],
    summary: "Demonstration data. A cross-government analysis method shared with forum partners to align assessments before a crisis.",
    evidenceOfEffect: "Demonstration data. Partners used the same analysis in two joint assessments.",
    engagement: "slf-early-warning",
    marking: "RESTRICTED",
    releasableTo: ["SLF"],
  },
  {
    key: "gcr2p-civil-society",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "CIVIL_SOCIETY_PARTNERSHIP",
    title: "[DEMO] Community observers feeding a public atrocity-risk monitor",
    originator: "GCR2P",
    countries: ["CAF", "MMR"],
    summary: "Demonstration data. Local civil-society observers report incidents that are published, after verification, in a public monitor.",
    evidenceOfEffect: null,
    engagement: null,
    marking: "PUBLIC",
    releasableTo: [],
  },
  {
    key: "un-peacekeeping-support",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "PEACEKEEPING_SUPPORT",
    title: "[DEMO] Community alert networks around mission bases",
    originator: "UN",
    countries: ["CAF", "COD"],
    summary: "Demonstration data. Villages near mission bases can alert patrols by phone; patrols are planned around the alerts.",
    evidenceOfEffect: "Demonstration data. Response times to alerts fell by half.",
    engagement: "car-field-coordination",
    marking: "PARTNERS",
    releasableTo: [],
  },
  {
    key: "eu-sanctions",
    kind: PracticeKind.LESSON_LEARNED,
    theme: "SANCTIONS_COORDINATION",
    title: "[DEMO] Aligning listings with partners before announcing them",
    originator: "EU",
    countries: ["SSD"],
    summary: "Demonstration data. Sanctions announced alone were evaded by moving assets; coordinated listings closed that route.",
    evidenceOfEffect: null,
    engagement: null,
    marking: "GOVERNMENTS",
    releasableTo: [],
  },
  {
    key: "nld-accountability",
    kind: PracticeKind.BEST_PRACTICE,
    theme: "ACCOUNTABILITY",
    title: "[DEMO] Funding documentation of crimes as they happen",
    originator: "NLD",
    countries: ["MMR"],
    summary: "Demonstration data. Support to organisations that preserve evidence to the standard courts require.",
    evidenceOfEffect: null,
    engagement: null,
    marking: "PARTNERS",
    releasableTo: [],
  },
];
