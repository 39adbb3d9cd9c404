import { PRACTICE } from "@concert/policy";
import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireDate, requireText, today, type WrittenKind } from "@concert/subgraph-kit/writes";
import { Practice, type PracticeKind } from "../entities/practice.js";
import type { PracticeChanges, PracticeInput } from "../inputs/practice.js";
import type { SharingInput } from "../inputs/sharing.js";
import { knownCountries, knownTheme } from "../inputs/validation.js";
import { engagementLoader } from "../loaders.js";

/** Everything about a practice but its sharing and partner, as written in an input. */
export interface PracticeValues {
  kind: PracticeKind;
  theme: string;
  title: string;
  countries: string[];
  summary: string;
  evidenceOfEffect?: string | null;
  engagement?: string | null;
  date?: string | null;
}

import { changeMarking, createMarked, merged, updateMarked } from "./marked.js";

export const PRACTICES: WrittenKind<Practice> = { entity: Practice, declaration: PRACTICE, action: "practice.write" };

export function contributePractice(ctx: SubgraphContext, input: PracticeInput): Promise<Practice> {
  return createMarked(ctx, PRACTICES, input, () => practiceFields(ctx, "input", input));
}

export function updatePractice(ctx: SubgraphContext, id: string, expectedVersion: number, changes: PracticeChanges): Promise<Practice> {
  return updateMarked(ctx, PRACTICES, id, expectedVersion, (current) =>
    practiceFields(ctx, "changes", merged(practiceValues(current), changes)),
  );
}

export function changePracticeMarking(ctx: SubgraphContext, id: string, expectedVersion: number, sharing: SharingInput): Promise<Practice> {
  return changeMarking(ctx, PRACTICES, id, expectedVersion, sharing);
}

export function practiceValues(p: Practice): PracticeValues {
  return {
    kind: p.kind,
    theme: p.theme.code,
    title: p.title,
    countries: p.countryCodes,
    summary: p.summary,
    evidenceOfEffect: p.evidenceOfEffect,
    engagement: p.engagement?.id ?? null,
    date: p.date,
  };
}

/** Checks the values (errors name `<input>.<field>`) and returns them as entity fields. */
export async function practiceFields(ctx: SubgraphContext, input: string, v: PracticeValues): Promise<Partial<Practice>> {
  const at = (name: string) => `${input}.${name}`;
  const title = requireText(at("title"), v.title);
  const summary = requireText(at("summary"), v.summary);
  const date = v.date ? requireDate(at("date"), v.date) : today();
  const evidence = v.evidenceOfEffect?.trim() || null;
  const [theme, countryCodes, engagement] = await Promise.all([
    knownTheme(ctx, at("theme"), v.theme),
    knownCountries(ctx, at("countries"), v.countries),
    v.engagement ? engagementLoader(ctx).load(v.engagement) : null,
  ]);
  // An engagement the caller may not see is as unknown as a missing one.
  if (v.engagement && !engagement) throw badUserInput(at("engagement"), `unknown engagement: ${v.engagement}`);
  return {
    kind: v.kind,
    theme: theme as never,
    title,
    countryCodes,
    summary,
    evidenceOfEffect: evidence,
    engagement: (engagement?.id ?? null) as never,
    date,
  };
}
