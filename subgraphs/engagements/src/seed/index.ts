import { allCountries } from "@concert/countries";
import type { SeedOptions } from "@concert/subgraph-kit/server";
import { insertMissing, seedId } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Country } from "../entities/country.js";
import { Engagement } from "../entities/engagement.js";
import { Forum } from "../entities/forum.js";
import { ForumMembership } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { Practice } from "../entities/practice.js";
import { Theme } from "../entities/theme.js";
import { DEMO_ENGAGEMENTS, DEMO_PRACTICES } from "./demo.js";
import { FORUMS, MEMBERSHIPS, PARTNERS, PARTNERS_ACTIVE_FROM, THEMES } from "./reference.js";

/** Public reference data and, when asked, flagged demo data; records already there are left as they are. */
export async function seedEngagements(em: EntityManager, options: SeedOptions): Promise<void> {
  await insertMissing(
    em,
    Country,
    allCountries().map(({ code, name, officialName, region, subregion, m49 }) => ({ code, name, officialName, region, subregion, m49 })),
  );
  await insertMissing(
    em,
    Partner,
    PARTNERS.map((p) => ({ ...p, activeFrom: PARTNERS_ACTIVE_FROM, activeTo: null, version: 1, updatedAt: new Date() })),
  );
  await insertMissing(em, Forum, FORUMS);
  await insertMissing(
    em,
    ForumMembership,
    MEMBERSHIPS.map((m) => ({ forum: m.forum, partner: m.partner, role: m.role, since: m.since, until: null })) as never,
  );
  await insertMissing(em, Theme, THEMES);
  if (!options.demo) return;
  const now = new Date();
  const record = { demo: true, version: 1, createdAt: now, updatedAt: now };
  await insertMissing(
    em,
    Engagement,
    DEMO_ENGAGEMENTS.map(({ key, forum, participants, countries, ...e }) => ({
      ...e,
      ...record,
      id: seedId("engagement", key),
      forum: forum as never,
      participantCodes: participants,
      countryCodes: countries,
    })),
  );
  await insertMissing(
    em,
    Practice,
    DEMO_PRACTICES.map(({ key, theme, countries, engagement, ...p }) => ({
      ...p,
      ...record,
      id: seedId("practice", key),
      theme: theme as never,
      countryCodes: countries,
      engagement: (engagement ? seedId("engagement", engagement) : null) as never,
    })),
  );
}
