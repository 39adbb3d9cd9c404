import { Connection } from "@concert/subgraph-kit/reads";
import { Field, Float, ObjectType } from "type-graphql";
import { Engagement } from "../entities/engagement.js";
import { Practice } from "../entities/practice.js";

@ObjectType({ simpleResolvers: true, description: "A practice matching a full-text search." })
export class PracticeMatch {
  @Field(() => Float, {
    description: "Relevance (PostgreSQL ts_rank; words in the title weigh most, then the summary, then the evidence).",
  })
  rank!: number;

  @Field(() => Practice, { description: "The matching practice." })
  node!: Practice;
}

@ObjectType({ simpleResolvers: true, description: "An engagement matching a full-text search." })
export class EngagementMatch {
  @Field(() => Float, {
    description: "Relevance (PostgreSQL ts_rank; words in the title weigh most, then the summary, then the outcomes).",
  })
  rank!: number;

  @Field(() => Engagement, { description: "The matching engagement." })
  node!: Engagement;
}

export const PracticeMatchConnection = Connection(PracticeMatch, "PracticeMatch", "practices matching a search, most relevant first,");
export const EngagementMatchConnection = Connection(
  EngagementMatch,
  "EngagementMatch",
  "engagements matching a search, most relevant first,",
);
