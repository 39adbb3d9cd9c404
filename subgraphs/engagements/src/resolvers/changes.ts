import { ENGAGEMENT, PRACTICE } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit/feeds";
import { Engagement } from "../entities/engagement.js";
import { Practice } from "../entities/practice.js";

/** Engagements and practices. The registry (partners, forums) is not in the feed: read it whole. */
export const engagementsFeed: ChangeFeedDefinition = {
  domain: "Engagements",
  records: [
    { declaration: ENGAGEMENT, entity: Engagement, description: "A partner's engagement with a country." },
    { declaration: PRACTICE, entity: Practice, description: "A practice one partner shares with others." },
  ],
};

export const EngagementsChangesResolver = changeFeedResolver(engagementsFeed);
