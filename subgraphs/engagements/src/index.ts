import { ENGAGEMENT, PRACTICE } from "@concert/policy";
import "reflect-metadata";
import { join } from "node:path";
import { cachingDirectory } from "@concert/auth";
import { REGISTRY_READ_LABEL } from "@concert/db";
import { audienceResolver, originatorResolver } from "@concert/subgraph-kit/access";
import { AuditEntry, accessLogResolver } from "@concert/subgraph-kit/audit";
import { ChangeEntry, ChangeFeedEpoch } from "@concert/subgraph-kit/feeds";
import { buildFederatedSchema, type SubgraphModule, withKitMigrations } from "@concert/subgraph-kit/server";
import { directorySnapshot } from "./analysis/registry.js";
import { Country } from "./entities/country.js";
import { Engagement } from "./entities/engagement.js";
import { ExchangeKey } from "./entities/exchange-key.js";
import { Forum } from "./entities/forum.js";
import { ForumMembership } from "./entities/forum-membership.js";
import { Partner } from "./entities/partner.js";
import { Practice } from "./entities/practice.js";
import { Theme } from "./entities/theme.js";
import { TokenRevocation } from "./entities/token-revocation.js";
import { partnerLoader } from "./loaders.js";
import { AudienceResolver } from "./resolvers/audience.js";
import { EngagementsChangesResolver, engagementsFeed } from "./resolvers/changes.js";
import { CompareResolver } from "./resolvers/compare.js";
import { CountryResolver } from "./resolvers/country.js";
import { EngagementResolver } from "./resolvers/engagement.js";
import { EngagementMutations } from "./resolvers/engagement-mutations.js";
import { ExchangeKeyResolver } from "./resolvers/exchange-keys.js";
import { ForumMembershipResolver, ForumResolver } from "./resolvers/forum.js";
import { ForumMembershipMutations } from "./resolvers/forum-mutations.js";
import { PartnerResolver } from "./resolvers/partner.js";
import { PartnerRegistryMutations } from "./resolvers/partner-registry.js";
import { PracticeResolver } from "./resolvers/practice.js";
import { PracticeMutations } from "./resolvers/practice-mutations.js";
import { referenceResolvers } from "./resolvers/references.js";
import { RevocationResolver } from "./resolvers/revocation.js";
import { SearchResolver } from "./resolvers/search.js";
import { seedEngagements } from "./seed/index.js";

/** Partner registry, forums, engagements and practices; owner of `Country` and `Partner`. */
export const engagementsSubgraph: SubgraphModule = {
  name: "engagements",
  entities: [
    Country,
    Partner,
    Forum,
    ForumMembership,
    Theme,
    Engagement,
    Practice,
    TokenRevocation,
    ExchangeKey,
    AuditEntry,
    ChangeEntry,
    ChangeFeedEpoch,
  ],
  migrationsPath: withKitMigrations(join(__dirname, "migrations")),
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        CountryResolver,
        AudienceResolver,
        PartnerResolver,
        ForumResolver,
        ForumMembershipResolver,
        EngagementResolver,
        PracticeResolver,
        SearchResolver,
        CompareResolver,
        PartnerRegistryMutations,
        RevocationResolver,
        ExchangeKeyResolver,
        EngagementMutations,
        PracticeMutations,
        ForumMembershipMutations,
        originatorResolver(Engagement, Partner, (code, ctx) => partnerLoader(ctx).load(code)),
        originatorResolver(Practice, Partner, (code, ctx) => partnerLoader(ctx).load(code)),
        audienceResolver(Engagement, ENGAGEMENT, Partner, (code, ctx) => partnerLoader(ctx).load(code)),
        audienceResolver(Practice, PRACTICE, Partner, (code, ctx) => partnerLoader(ctx).load(code)),
        accessLogResolver("engagements", "Engagements"),
        EngagementsChangesResolver,
      ],
      referenceResolvers,
    }),
  changeFeed: engagementsFeed,
  seed: seedEngagements,
  localDirectory: (orm, bounds, maxTokenLifetimeSeconds) =>
    cachingDirectory(
      () => directorySnapshot(orm.em.fork({ loggerContext: { label: REGISTRY_READ_LABEL } }), maxTokenLifetimeSeconds),
      bounds,
    ),
};

/** The partners of the seeded (development) registry; `npm run token` mints tokens for these only. */
export { PARTNERS as SEEDED_PARTNERS } from "./seed/reference.js";
