import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { MIN_QUESTIONS_FOR_A_FIRM_SCORE, type ResolvedQuestion, type ScoredForecast, trackRecords } from "../analysis/scores.js";
import { QuestionStatus } from "../entities/enums.js";
import { Partner } from "../entities/federated.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import { scoringData } from "../loaders.js";

const MAX_PARTNERS = 50;

@ObjectType({
  simpleResolvers: true,
  description: "Forecasts whose probability falls in one 10-point bin, and how often the event happened.",
})
class CalibrationBin {
  @Field(() => Float, { description: "Lower bound of the bin, included (0, 0.1 … 0.9)." })
  from!: number;

  @Field(() => Float, { description: "Upper bound of the bin, excluded, except 1 for the last bin." })
  to!: number;

  @Field(() => Int, { description: "How many forecasts (every update) fall in the bin." })
  forecasts!: number;

  @Field(() => Int, { description: "How many of them were on questions resolved YES." })
  happened!: number;

  @Field(() => Float, { nullable: true, description: "happened / forecasts; null for an empty bin." })
  frequency!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A partner's Brier score on one resolved question." })
class QuestionScore {
  @Field(() => ForecastQuestion, { description: "The question." })
  question!: ForecastQuestion;

  @Field(() => Float, { description: "Mean of (p − o)² over the days scored (0 is perfect, 1 the worst)." })
  brier!: number;

  @Field(() => Float, { description: "The crowd's Brier score over the same days." })
  crowdBrier!: number;

  @Field(() => Int, { description: "How many days were scored." })
  days!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A partner's track record on the resolved questions, computed only from the forecasts you may read: another partner's restricted forecasts leave it out.",
})
class ForecastRecord {
  @Field(() => Partner, { description: "The partner." })
  partner!: Partner;

  @Field(() => Int, { description: "How many resolved questions it has a score on." })
  questions!: number;

  @Field(() => Float, { nullable: true, description: "Mean Brier score over those questions; null without any." })
  meanBrier!: number | null;

  @Field(() => Float, { nullable: true, description: "The crowd's mean Brier score over the same questions and days." })
  crowdBrier!: number | null;

  @Field(() => Float, { nullable: true, description: "meanBrier − crowdBrier: below 0, the partner did better than the crowd." })
  versusCrowd!: number | null;

  @Field({ description: `True when the score rests on fewer than ${MIN_QUESTIONS_FOR_A_FIRM_SCORE} resolved questions.` })
  provisional!: boolean;

  @Field(() => [CalibrationBin], { description: "Ten bins of 10 points: how many forecasts, and how often the event happened." })
  calibration!: CalibrationBin[];

  @Field(() => [QuestionScore], { description: "The score on each resolved question, by window end." })
  scores!: QuestionScore[];
}

@Resolver()
export class ScoresResolver {
  @Query(() => [ForecastRecord], {
    nullable: true,
    description:
      "Track records (Brier scores, against the crowd, calibration) of the partners named, or of every partner with a forecast you may read on a resolved question, by partner code. Computed for you alone, from what you may read.",
  })
  async forecastRecords(
    @Ctx() ctx: SubgraphContext,
    @Arg("partners", () => [ID], { nullable: true, description: `Up to ${MAX_PARTNERS} partner codes.` }) partners?: string[],
  ): Promise<ForecastRecord[]> {
    if (partners && partners.length > MAX_PARTNERS) throw badUserInput("partners", `name at most ${MAX_PARTNERS} partners`);
    const { questions, forecasts } = await scoringData(ctx);
    const byId = new Map(questions.map((q) => [q.id, q]));
    const resolved: ResolvedQuestion[] = questions.map((q) => ({
      id: q.id,
      scoringEnd: q.resolvedOn && q.resolvedOn < q.windowEnd ? q.resolvedOn : q.windowEnd,
      outcome: q.status === QuestionStatus.RESOLVED_YES ? 1 : 0,
    }));
    const byQuestion = new Map<string, ScoredForecast[]>();
    for (const f of forecasts) {
      const list = byQuestion.get(f.question.id) ?? [];
      list.push({ partner: f.originator, probability: f.probability, madeAt: f.madeAt });
      byQuestion.set(f.question.id, list);
    }
    const named = partners ? [...new Set(partners)] : [...new Set(forecasts.map((f) => f.originator))].sort();
    return trackRecords(named, resolved, byQuestion).map((r) => ({
      ...r,
      partner: { code: r.partner },
      scores: r.scores.map((s) => ({ question: byId.get(s.questionId)!, brier: s.brier, crowdBrier: s.crowdBrier, days: s.days })),
    }));
  }
}
