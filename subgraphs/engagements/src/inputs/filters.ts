import { ENGAGEMENT } from "@concert/policy";
import { readableFilter, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { dateRange } from "@concert/subgraph-kit/writes";
import type { FilterQuery } from "@mikro-orm/core";
import { ArgsType, Field, ID } from "type-graphql";
import { type Engagement, EngagementKind } from "../entities/engagement.js";
import { type Practice, PracticeKind } from "../entities/practice.js";
import { knownCountries, knownForum, knownPartners, knownTheme } from "./validation.js";

/** Filters shared by the lists and the searches; every filter narrows, none widens what the policy lets through. */

@ArgsType()
class CommonFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only records of this forum (a practice: through the engagement it came from)." })
  forum?: string;

  @Field(() => ID, { nullable: true, description: "Only records about this country (ISO 3166-1 alpha-3)." })
  country?: string;

  @Field(() => String, { nullable: true, description: "Only records dated on or after this day (YYYY-MM-DD)." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Only records dated on or before this day (YYYY-MM-DD)." })
  to?: string;

  @Field(() => Date, { nullable: true, description: "Only records changed at or after this time." })
  updatedSince?: Date;
}

@ArgsType()
export class PracticeFilterArgs extends CommonFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only practices on this theme (code from `themes`)." })
  theme?: string;

  @Field(() => ID, { nullable: true, description: "Only practices shared by this partner." })
  partner?: string;

  @Field(() => PracticeKind, { nullable: true, description: "Only best practices or only lessons learned." })
  kind?: PracticeKind;
}

@ArgsType()
export class EngagementFilterArgs extends CommonFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only engagements this partner took part in or recorded." })
  partner?: string;

  @Field(() => EngagementKind, { nullable: true, description: "Only engagements of this kind." })
  kind?: EngagementKind;
}

/** Checks the codes and dates of a filter (BAD_USER_INPUT naming the argument) and returns it with codes in upper case. */
async function checked<F extends CommonFilterArgs & { partner?: string; theme?: string }>(ctx: SubgraphContext, f: F): Promise<F> {
  dateRange("from", f.from, "to", f.to);
  const [forum, country, partner, theme] = await Promise.all([
    f.forum ? knownForum(ctx, "forum", f.forum) : undefined,
    f.country ? knownCountries(ctx, "country", [f.country]).then((c) => c[0]) : undefined,
    f.partner ? knownPartners(ctx, "partner", [f.partner]).then((p) => p[0]) : undefined,
    f.theme ? knownTheme(ctx, "theme", f.theme) : undefined,
  ]);
  return { ...f, forum, country, partner, theme };
}

function common(f: CommonFilterArgs): Record<string, unknown>[] {
  return [
    f.country ? { countryCodes: { $overlap: [f.country] } } : {},
    f.from ? { date: { $gte: f.from } } : {},
    f.to ? { date: { $lte: f.to } } : {},
    updatedSinceWhere(f.updatedSince),
  ];
}

/** Practices matching the filter. The forum filter goes through the engagement, which must be readable too. */
export async function practiceWhere(ctx: SubgraphContext, filter: PracticeFilterArgs): Promise<FilterQuery<Practice>> {
  const f = await checked(ctx, filter);
  return {
    $and: [
      ...common(f),
      f.theme ? { theme: f.theme } : {},
      f.partner ? { originator: f.partner } : {},
      f.kind ? { kind: f.kind } : {},
      f.forum ? { engagement: readableFilter(ctx, ENGAGEMENT, { forum: f.forum }) } : {},
    ],
  } as FilterQuery<Practice>;
}

/** Engagements matching the filter. */
export async function engagementWhere(ctx: SubgraphContext, filter: EngagementFilterArgs): Promise<FilterQuery<Engagement>> {
  const f = await checked(ctx, filter);
  return {
    $and: [
      ...common(f),
      f.partner ? { $or: [{ originator: f.partner }, { participantCodes: { $overlap: [f.partner] } }] } : {},
      f.kind ? { kind: f.kind } : {},
      f.forum ? { forum: f.forum } : {},
    ],
  } as FilterQuery<Engagement>;
}
