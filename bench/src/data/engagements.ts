import { allCountries } from "@concert/countries";
import { engagementsSubgraph as module } from "@concert/engagements";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { BenchOptions } from "../options.js";
import { benchId, Random } from "../random.js";
import { existingRows, insertRows, marked, type Row } from "./insert.js";

/** Words the generated texts are made of, so that full-text search has something to rank. */
export const TOPICS = [
  "early warning indicators",
  "community radio against hate speech",
  "mediation between armed groups",
  "targeted sanctions coordination",
  "protection of civilians patrols",
  "women's participation in peace talks",
  "election violence prevention",
  "training of police in human rights",
  "support to local peace committees",
  "monitoring of militia recruitment",
];

const MARKINGS = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "PARTNERS", "PUBLIC"];

export interface EngagementsData {
  partners: string[];
  countries: string[];
  forums: string[];
  themes: string[];
  counts: Record<string, number>;
}

/** Engagement `i`: two to five participants, about one to three countries. */
export function engagementRow(i: number, of: { partners: string[]; countries: string[]; forums: string[] }, rng: Random): Row {
  const participants = rng.sample(of.partners, rng.int(2, 5));
  const topic = rng.pick(TOPICS);
  return {
    ...marked(participants[0]!, rng.pick(MARKINGS)),
    id: benchId("engagement", i),
    kind: rng.pick(["MEETING", "TRAINING", "EXCHANGE", "JOINT_ASSESSMENT", "FIELD_COORDINATION", "DEMARCHE"]),
    title: `[DEMO] Engagement ${i} on ${topic}`,
    forum: rng.next() < 0.4 ? rng.pick(of.forums) : null,
    participantCodes: participants,
    countryCodes: rng.sample(of.countries, rng.int(1, 3)),
    date: rng.date(),
    summary: `[DEMO] Partners discussed ${topic} and ${rng.pick(TOPICS)}.`,
    outcomes: [`[DEMO] Follow up on ${rng.pick(TOPICS)}.`],
  };
}

/** What practices are drawn from: the base data set's from every partner, topic and country. */
export interface PracticeContext {
  originators: string[];
  topics: string[];
  countries: string[];
  themes: string[];
  /** Practices name one of the first `engagements` engagements half of the time. */
  engagements: number;
}

/** Practice `i`, by one of `ctx.originators`, about one or two of `ctx.countries`, its texts made of `ctx.topics`. */
export function practiceRow(i: number, ctx: PracticeContext, rng: Random): Row {
  const topic = rng.pick(ctx.topics);
  return {
    ...marked(rng.pick(ctx.originators), rng.pick(MARKINGS)),
    id: benchId("practice", i),
    kind: rng.next() < 0.7 ? "BEST_PRACTICE" : "LESSON_LEARNED",
    theme: rng.pick(ctx.themes),
    title: `[DEMO] Practice ${i}: ${topic}`,
    countryCodes: rng.sample(ctx.countries, rng.int(1, 2)),
    summary: `[DEMO] How ${topic} worked, with ${rng.pick(ctx.topics)}.`,
    evidenceOfEffect: rng.next() < 0.6 ? `[DEMO] Fewer incidents after ${rng.pick(ctx.topics)}.` : null,
    date: rng.date(),
    engagement: rng.next() < 0.5 ? benchId("engagement", rng.int(0, ctx.engagements - 1)) : null,
  };
}

/** Partners up to `options.partners` (the registry plus invented governments), engagements and practices. */
export async function generateEngagements(em: EntityManager, options: BenchOptions, rng: Random): Promise<EngagementsData> {
  const seeded = (await existingRows(em, module, "Partner")).map((p) => String(p.code));
  const countries = allCountries().map((c) => c.code);
  const extra = rng
    .sample(
      allCountries().filter((c) => !seeded.includes(c.code)),
      Math.max(0, options.partners - seeded.length),
    )
    .map((c) => ({
      code: c.code,
      name: `${c.name} [DEMO]`,
      kind: "GOVERNMENT",
      countryCode: c.code,
      activeFrom: "2015-01-01",
      activeTo: null,
      version: 1,
    }));
  const partners = [...seeded, ...extra.map((p) => p.code)];
  const forums = (await existingRows(em, module, "Forum")).map((f) => String(f.code));
  const themes = (await existingRows(em, module, "Theme")).map((t) => String(t.code));

  const engagements: Row[] = [];
  for (let i = 0; i < options.engagements; i++) engagements.push(engagementRow(i, { partners, countries, forums }, rng));
  const practices: Row[] = [];
  const ctx: PracticeContext = { originators: partners, topics: TOPICS, countries, themes, engagements: options.engagements };
  for (let i = 0; i < options.practices; i++) practices.push(practiceRow(i, ctx, rng));
  const counts = {
    partners: (await insertRows(em, module, "Partner", extra)) + seeded.length,
    engagements: await insertRows(em, module, "Engagement", engagements),
    practices: await insertRows(em, module, "Practice", practices),
  };
  return { partners, countries, counts, forums, themes };
}
