import { RISK_ASSESSMENT } from "@concert/policy";
import { sensitivePart } from "@concert/subgraph-kit/access";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { InformationCredibility, SourceReliability } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Indicator } from "../entities/indicator.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { assessmentOfRating, findingsByRatingLoader, INDICATORS, RISK_FACTORS } from "../loaders.js";

@Resolver(() => FactorRating)
export class FactorRatingResolver {
  @FieldResolver(() => RiskFactor, { description: "The risk factor rated." })
  factor(@Root() r: FactorRating, @Ctx() ctx: SubgraphContext) {
    return RISK_FACTORS.get(ctx, r.factor.number);
  }

  @FieldResolver(() => [Finding], { description: "The observations behind the rating, oldest first." })
  findings(@Root() r: FactorRating, @Ctx() ctx: SubgraphContext) {
    return findingsByRatingLoader(ctx).load(r.id);
  }
}

/** Evidence and sources follow the assessment's evidence marking, which may be stricter than the assessment's. */
function evidenceOf<V>(ctx: SubgraphContext, f: Finding, name: "evidence" | "source", value: V): V {
  return sensitivePart(ctx, RISK_ASSESSMENT, assessmentOfRating(ctx, f.rating.id), name, value);
}

@Resolver(() => Finding)
export class FindingResolver {
  @FieldResolver(() => Indicator, { nullable: true, description: "The Framework indicator observed, where the author names one." })
  indicator(@Root() f: Finding, @Ctx() ctx: SubgraphContext) {
    return f.indicator ? INDICATORS.get(ctx, f.indicator.code) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "What was observed. Null, with a FORBIDDEN error, where the assessment's evidence marking does not let you read it.",
  })
  evidence(@Root() f: Finding, @Ctx() ctx: SubgraphContext) {
    return evidenceOf(ctx, f, "evidence", f.evidence);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Where the information comes from. Null, with a FORBIDDEN error, where the evidence marking does not let you read it.",
  })
  source(@Root() f: Finding, @Ctx() ctx: SubgraphContext) {
    return evidenceOf(ctx, f, "source", f.source);
  }

  @FieldResolver(() => SourceReliability, { description: "Admiralty source reliability (A–F); NOT_GRADED when the author gave none." })
  sourceReliability(@Root() f: Finding): SourceReliability {
    return f.sourceReliability ?? SourceReliability.NOT_GRADED;
  }

  @FieldResolver(() => InformationCredibility, {
    description: "Admiralty information credibility (1–6); NOT_GRADED when the author gave none.",
  })
  informationCredibility(@Root() f: Finding): InformationCredibility {
    return f.informationCredibility ?? InformationCredibility.NOT_GRADED;
  }

  @FieldResolver(() => Boolean, { description: "True when the finding has both its source reliability and its information credibility." })
  graded(@Root() f: Finding): boolean {
    return isGraded(f);
  }
}

export function isGraded(f: Pick<Finding, "sourceReliability" | "informationCredibility">): boolean {
  return f.sourceReliability !== null && f.informationCredibility !== null;
}
