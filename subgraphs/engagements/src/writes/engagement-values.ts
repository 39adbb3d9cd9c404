import { ENGAGEMENT } from "@concert/policy";
import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireDate, requireText, type WrittenKind } from "@concert/subgraph-kit/writes";
import { Engagement, type EngagementKind } from "../entities/engagement.js";
import type { EngagementChanges, EngagementInput } from "../inputs/engagement.js";
import type { SharingInput } from "../inputs/sharing.js";
import { knownCountries, knownForum, knownPartners } from "../inputs/validation.js";

/** Everything about an engagement but its sharing, as written in an input. */
export interface EngagementValues {
  kind: EngagementKind;
  title: string;
  forum?: string | null;
  participants: string[];
  countries: string[];
  date: string;
  summary: string;
  outcomes: string[];
}

import { changeMarking, createMarked, merged, updateMarked } from "./marked.js";

export const ENGAGEMENTS: WrittenKind<Engagement> = { entity: Engagement, declaration: ENGAGEMENT, action: "engagement.write" };

export function recordEngagement(ctx: SubgraphContext, input: EngagementInput): Promise<Engagement> {
  return createMarked(ctx, ENGAGEMENTS, input, () => engagementFields(ctx, "input", input));
}

export function updateEngagement(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  changes: EngagementChanges,
): Promise<Engagement> {
  return updateMarked(ctx, ENGAGEMENTS, id, expectedVersion, (current) =>
    engagementFields(ctx, "changes", merged(engagementValues(current), changes)),
  );
}

export function changeEngagementMarking(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  sharing: SharingInput,
): Promise<Engagement> {
  return changeMarking(ctx, ENGAGEMENTS, id, expectedVersion, sharing);
}

export function engagementValues(e: Engagement): EngagementValues {
  return {
    kind: e.kind,
    title: e.title,
    forum: e.forum?.code ?? null,
    participants: e.participantCodes,
    countries: e.countryCodes,
    date: e.date,
    summary: e.summary,
    outcomes: e.outcomes,
  };
}

/** Checks the values (errors name `<input>.<field>`) and returns them as entity fields. */
export async function engagementFields(ctx: SubgraphContext, input: string, v: EngagementValues): Promise<Partial<Engagement>> {
  const at = (name: string) => `${input}.${name}`;
  const title = requireText(at("title"), v.title);
  const summary = requireText(at("summary"), v.summary);
  requireDate(at("date"), v.date);
  if (v.participants.length === 0) throw badUserInput(at("participants"), "name at least one participating partner");
  const [forum, participantCodes, countryCodes] = await Promise.all([
    v.forum ? knownForum(ctx, at("forum"), v.forum) : null,
    knownPartners(ctx, at("participants"), v.participants),
    knownCountries(ctx, at("countries"), v.countries),
  ]);
  return {
    kind: v.kind,
    title,
    summary,
    date: v.date,
    forum: forum as never,
    participantCodes,
    countryCodes,
    outcomes: v.outcomes.map((o) => o.trim()).filter((o) => o !== ""),
  };
}
