import { badUserInput } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import { requireCode, requireCountry, requireRange, requireText } from "@concert/subgraph-kit/writes";
import { type UrlRules, webhookUrlProblem } from "@concert/webhooks";
import type { AlertCondition } from "../entities/alert-rule.js";
import type { AlertConditionInput } from "./alert-rule.js";

const FIELDS_OF: Record<AlertConditionInput["kind"], (keyof AlertCondition)[]> = {
  ASSESSMENT_LEVEL: ["watchlist", "countries", "level"],
  ASSESSMENT_DIVERGENCE: ["country", "levels"],
  PLEDGE_STATUS: [],
  MISSION_GAP: ["mission", "capability", "threshold"],
  PRACTICE_THEME: ["theme"],
  ROTATION_UNCOVERED: ["mission", "days"],
  READINESS_STALLED: ["mission", "days"],
  FORECAST_RISE: ["question", "partner", "points"],
  CROWD_FORECAST: ["question", "probability"],
};
const ALL_FIELDS: (keyof AlertCondition)[] = [
  "watchlist",
  "countries",
  "level",
  "country",
  "levels",
  "mission",
  "capability",
  "threshold",
  "theme",
  "days",
  "question",
  "partner",
  "points",
  "probability",
];

/** Checks a condition (BAD_USER_INPUT naming `<where>.condition.<field>`) and returns it as stored: only its kind's fields. */
export function checkedCondition(where: string, input: AlertConditionInput): AlertCondition {
  const field = (name: string) => `${where ? `${where}.` : ""}condition.${name}`;
  const own = FIELDS_OF[input.kind];
  for (const name of ALL_FIELDS) {
    if (!own.includes(name) && input[name] !== undefined && input[name] !== null) {
      throw badUserInput(field(name), `is not read by a ${input.kind} rule; leave it out`);
    }
  }
  const required = (name: keyof AlertConditionInput) => {
    if (input[name] === undefined || input[name] === null) throw badUserInput(field(name), `is required for a ${input.kind} rule`);
  };
  const condition: AlertCondition = { kind: input.kind };
  switch (input.kind) {
    case "ASSESSMENT_LEVEL":
      required("level");
      if (!input.watchlist && !input.countries?.length) throw badUserInput(field("countries"), "name a watchlist or at least one country");
      if (input.watchlist && !isUuid(input.watchlist)) throw badUserInput(field("watchlist"), "is not a watchlist id");
      if ((input.countries?.length ?? 0) > 250) throw badUserInput(field("countries"), "at most 250 countries");
      for (const c of input.countries ?? []) requireCountry(field("countries"), c);
      Object.assign(condition, { level: input.level, watchlist: input.watchlist ?? null, countries: input.countries ?? null });
      break;
    case "ASSESSMENT_DIVERGENCE":
      required("country");
      required("levels");
      requireCountry(field("country"), input.country!);
      requireRange(field("levels"), input.levels, 1, 3);
      Object.assign(condition, { country: input.country, levels: input.levels });
      break;
    case "PLEDGE_STATUS":
      break;
    case "MISSION_GAP":
      required("mission");
      required("capability");
      required("threshold");
      requireCode(field("mission"), "acronym", input.mission!, "mission acronym");
      requireText(field("capability"), input.capability!);
      requireRange(field("threshold"), input.threshold, 0, 1_000_000);
      Object.assign(condition, { mission: input.mission, capability: input.capability, threshold: input.threshold });
      break;
    case "ROTATION_UNCOVERED":
      required("mission");
      required("days");
      requireCode(field("mission"), "acronym", input.mission!, "mission acronym");
      requireWholeRange(field("days"), input.days!, 1, 730);
      Object.assign(condition, { mission: input.mission, days: input.days });
      break;
    case "READINESS_STALLED":
      required("days");
      if (input.mission) requireCode(field("mission"), "acronym", input.mission, "mission acronym");
      requireWholeRange(field("days"), input.days!, 1, 3650);
      Object.assign(condition, { mission: input.mission ?? null, days: input.days });
      break;
    case "PRACTICE_THEME":
      required("theme");
      requireText(field("theme"), input.theme!);
      Object.assign(condition, { theme: input.theme });
      break;
    case "FORECAST_RISE":
      required("question");
      required("partner");
      required("points");
      if (!isUuid(input.question!)) throw badUserInput(field("question"), "is not a forecast question id");
      requireCode(field("partner"), "partner", input.partner!, "partner code");
      requireRange(field("points"), input.points, 1, 100);
      Object.assign(condition, { question: input.question, partner: input.partner, points: input.points });
      break;
    case "CROWD_FORECAST":
      required("question");
      required("probability");
      if (!isUuid(input.question!)) throw badUserInput(field("question"), "is not a forecast question id");
      requireRange(field("probability"), input.probability, 0, 1);
      Object.assign(condition, { question: input.question, probability: input.probability });
      break;
  }
  return condition;
}

/** A whole number within [min, max]. */
function requireWholeRange(field: string, value: number, min: number, max: number): void {
  requireRange(field, value, min, max);
  if (!Number.isInteger(value)) throw badUserInput(field, "must be a whole number");
}

/** A rule's name: 1–200 characters. */
export function checkedName(field: string, name: string): string {
  const text = requireText(field, name);
  if (text.length > 200) throw badUserInput(field, "at most 200 characters");
  return text;
}

/** A webhook URL: its form and, resolved now, its addresses (checked again at each delivery). */
export async function checkedUrl(field: string, url: string, rules: UrlRules): Promise<string> {
  const problem = await webhookUrlProblem(url, rules);
  if (problem) throw badUserInput(field, problem);
  return url;
}
