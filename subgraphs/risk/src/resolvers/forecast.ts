import { FORECAST, FORECAST_QUESTION, mayFollowAllChanges } from "@concert/policy";
import { Connection, isUuid, PageArgs, readablePage, referenceLoader } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireCountry, today } from "@concert/subgraph-kit/writes";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { crowdSeries, dayOf, daysBetween } from "../analysis/scores.js";
import { QuestionStatus } from "../entities/enums.js";
import { Country, Partner } from "../entities/federated.js";
import { Forecast } from "../entities/forecast.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import { ForecastInput, ForecastQuestionInput, QuestionResolutionInput } from "../inputs/forecast-inputs.js";
import { forecastLoader, forecastsByQuestionLoader, questionLoader } from "../loaders.js";
import { openQuestion, resolveQuestion, submitForecast } from "../writes/forecast.js";

const QuestionConnection = Connection(ForecastQuestion, "ForecastQuestion", "forecast questions");
const ForecastConnection = Connection(Forecast, "Forecast", "forecasts");

@ArgsType()
class QuestionFilters {
  @Field(() => ID, { nullable: true, description: "Only questions about this country (ISO alpha-3)." })
  country?: string;

  @Field(() => QuestionStatus, { nullable: true, description: "Only questions in this status." })
  status?: QuestionStatus;
}

@ObjectType({ simpleResolvers: true, description: "The crowd forecast of one day." })
class CrowdPoint {
  @Field({ description: "The day (YYYY-MM-DD)." })
  day!: string;

  @Field(() => Float, { description: "Median of the forecasts standing that day, one per partner, among those you may read." })
  probability!: number;

  @Field(() => Int, { description: "How many partners' forecasts it is the median of." })
  forecasters!: number;
}

@Resolver(() => ForecastQuestion)
export class ForecastQuestionResolver {
  @Query(() => ForecastQuestion, { nullable: true, description: "One question by id; null when it does not exist or you may not see it." })
  forecastQuestion(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Question id." }) id: string) {
    return questionLoader(ctx).load(id);
  }

  @Query(() => QuestionConnection, {
    nullable: true,
    description: "Questions you may see, the latest window end first, then by id.",
  })
  forecastQuestions(@Ctx() ctx: SubgraphContext, @Args() page: PageArgs, @Args() filters: QuestionFilters) {
    if (filters.country !== undefined) requireCountry("country", filters.country);
    const where = {
      ...(filters.country ? { countryCode: filters.country } : {}),
      ...(filters.status ? { status: filters.status } : {}),
    };
    return readablePage(ctx, FORECAST_QUESTION, ForecastQuestion, where, page, [
      ["windowEnd", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => Country, { description: "The country asked about." })
  country(@Root() q: ForecastQuestion): Country {
    return { code: q.countryCode };
  }

  @FieldResolver(() => [Forecast], {
    description:
      "Every forecast on the question that you may read, oldest first: each partner's history as a series (at most 1,000 per question; page with `forecastHistory`).",
  })
  async forecasts(
    @Root() q: ForecastQuestion,
    @Ctx() ctx: SubgraphContext,
    @Arg("partner", () => ID, { nullable: true, description: "Only this partner's forecasts." }) partner?: string,
  ) {
    const all = await forecastsByQuestionLoader(ctx).load(q.id);
    return (partner ? all.filter((f) => f.originator === partner) : all).slice(-1000);
  }

  @FieldResolver(() => [Forecast], { description: "Each partner's latest forecast on the question that you may read, by partner code." })
  async latestForecasts(@Root() q: ForecastQuestion, @Ctx() ctx: SubgraphContext) {
    const latest = new Map<string, Forecast>();
    for (const f of await forecastsByQuestionLoader(ctx).load(q.id)) latest.set(f.originator, f);
    return [...latest.values()].sort((a, b) => (a.originator < b.originator ? -1 : 1));
  }

  @FieldResolver(() => [CrowdPoint], {
    description:
      "The crowd forecast of each day, from the first forecast you may read to the earliest of today, the window's end and the resolution day: the median of every partner's latest forecast that day, counting only forecasts you may read.",
  })
  async crowd(@Root() q: ForecastQuestion, @Ctx() ctx: SubgraphContext): Promise<CrowdPoint[]> {
    const forecasts = (await forecastsByQuestionLoader(ctx).load(q.id)).map((f) => ({
      partner: f.originator,
      probability: f.probability,
      madeAt: f.madeAt,
    }));
    if (forecasts.length === 0) return [];
    const last = [today(), q.windowEnd, q.resolvedOn ?? today()].sort()[0]!;
    const days = daysBetween(dayOf(forecasts[0]!.madeAt), last);
    const crowd = crowdSeries(forecasts, days);
    return days.flatMap((day, i) => {
      const standing = new Set(forecasts.filter((f) => dayOf(f.madeAt) <= day).map((f) => f.partner));
      return crowd[i] === null ? [] : [{ day, probability: crowd[i]!, forecasters: standing.size }];
    });
  }

  @Mutation(() => ForecastQuestion, {
    description: "Opens a forecast question (the operator's admins only). PUBLIC unless you choose another marking.",
  })
  openForecastQuestion(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => ForecastQuestionInput, { description: "The question." }) input: ForecastQuestionInput,
  ) {
    return openQuestion(ctx, input);
  }

  @Mutation(() => ForecastQuestion, {
    description:
      "Closes a question to new forecasts, or settles it: RESOLVED_YES, RESOLVED_NO (then forecasts are scored) or ANNULLED (the operator's admins only).",
  })
  resolveForecastQuestion(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The question." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read." }) expectedVersion: number,
    @Arg("input", () => QuestionResolutionInput, { description: "The new status." }) input: QuestionResolutionInput,
  ) {
    return resolveQuestion(ctx, id, expectedVersion, input);
  }
}

@Resolver(() => Forecast)
export class ForecastResolver {
  @Query(() => Forecast, {
    nullable: true,
    description: "One forecast by id; null when it does not exist or you may not read it or its question.",
  })
  forecast(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Forecast id." }) id: string) {
    return forecastLoader(ctx).load(id);
  }

  @Query(() => ForecastConnection, {
    nullable: true,
    description: "Forecasts you may read (and whose question you may read), newest first, then by id.",
  })
  forecastHistory(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("question", () => ID, { nullable: true, description: "Only forecasts on this question." }) question?: string,
    @Arg("partner", () => ID, { nullable: true, description: "Only this partner's forecasts." }) partner?: string,
  ) {
    // a malformed id matches nothing, like a missing one, and never reaches SQL
    const where = {
      ...(question ? { question: isUuid(question) ? question : { $in: [] } } : {}),
      ...(partner ? { originator: partner } : {}),
    };
    return readablePage(ctx, FORECAST, Forecast, where, page, [
      ["madeAt", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => ForecastQuestion, { description: "The question forecast." })
  async question(@Root() f: Forecast, @Ctx() ctx: SubgraphContext) {
    // a forecast served to a partner was checked with its question; the alerts service follows the feed in full
    if (mayFollowAllChanges(ctx.viewer)) return referenceLoader(ctx, ForecastQuestion, "id").load(f.question.id);
    return questionLoader(ctx).load(f.question.id);
  }

  @FieldResolver(() => Partner, { description: "The partner that made the forecast; the same as `originator`." })
  author(@Root() f: Forecast): Partner {
    return { code: f.originator };
  }

  @Mutation(() => Forecast, {
    description:
      "Records your partner's forecast on an OPEN question (role analyst). Forecast again as often as you like: every forecast is kept, the latest stands.",
  })
  submitForecast(@Ctx() ctx: SubgraphContext, @Arg("input", () => ForecastInput, { description: "The forecast." }) input: ForecastInput) {
    return submitForecast(ctx, input);
  }
}
