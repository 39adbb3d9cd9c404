import { Connection, isUuid, PageArgs, paginate } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { AlertDelivery } from "../entities/alert-delivery.js";
import { AlertRule } from "../entities/alert-rule.js";
import { AlertRuleChanges, AlertRuleInput, DeliveryFilterArgs } from "../inputs/alert-rule.js";
import type { AlertsSettings } from "../settings.js";
import { createRule, deleteRule, ownerOf, updateRule } from "../writes/alert-rule.js";

const AlertRuleConnection = Connection(AlertRule, "AlertRule", "your partner's alert rules");
const AlertDeliveryConnection = Connection(AlertDelivery, "AlertDelivery", "your partner's webhook deliveries, newest first");

@ObjectType({ simpleResolvers: true, description: "A rule just created or changed, with its signing secret when one was made." })
export class AlertRuleResult {
  @Field(() => AlertRule, { description: "The rule." })
  rule!: AlertRule;

  @Field(() => String, {
    nullable: true,
    description:
      "The rule's signing secret (`whsec_…`, Standard Webhooks): returned only here, when created or rotated; keep it to verify `webhook-signature`.",
  })
  secret!: string | null;
}

/** The resolvers of alert rules, for the settings the service runs with (the secrets' key, the URL rules). */
@Resolver()
export class AlertRuleResolver {
  constructor(private readonly settings: AlertsSettings) {}

  @Query(() => AlertRuleConnection, { nullable: true, description: "Your partner's webhook alert rules (signed in), oldest first." })
  alertRules(@Ctx() ctx: SubgraphContext, @Args(() => PageArgs) args: PageArgs) {
    return paginate(ctx.em, AlertRule, { partner: ownerOf(ctx) }, args, [
      ["createdAt", "ASC"],
      ["id", "ASC"],
    ]);
  }

  @Query(() => AlertDeliveryConnection, {
    nullable: true,
    description: "Your partner's webhook deliveries (signed in), newest first: status, tries and the last error of each.",
  })
  alertDeliveries(
    @Ctx() ctx: SubgraphContext,
    @Args(() => PageArgs) args: PageArgs,
    @Args(() => DeliveryFilterArgs) filter: DeliveryFilterArgs,
  ) {
    const where = {
      partner: ownerOf(ctx),
      ...(filter.rule ? { rule: isUuid(filter.rule) ? filter.rule : "00000000-0000-0000-0000-000000000000" } : {}),
    };
    return paginate(ctx.em, AlertDelivery, where, args, [
      ["createdAt", "DESC"],
      ["id", "DESC"],
    ]);
  }

  @Mutation(() => AlertRuleResult, {
    description:
      "Creates a webhook alert rule for your partner (role analyst, planner, coordinator or admin). The URL is checked now and at every delivery. The signing secret is in the answer, once.",
  })
  createAlertRule(@Ctx() ctx: SubgraphContext, @Arg("input", () => AlertRuleInput, { description: "The rule." }) input: AlertRuleInput) {
    return createRule(ctx, this.settings, input);
  }

  @Mutation(() => AlertRuleResult, {
    description:
      "Changes one of your partner's alert rules; CONFLICT when it changed since `expectedVersion`. `rotateSecret` returns a new secret, once.",
  })
  updateAlertRule(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Rule id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("changes", () => AlertRuleChanges, { description: "What to change." }) changes: AlertRuleChanges,
  ) {
    return updateRule(ctx, this.settings, id, expectedVersion, changes);
  }

  @Mutation(() => ID, { description: "Deletes one of your partner's alert rules and its delivery records; returns its id." })
  deleteAlertRule(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Rule id." }) id: string,
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description: "The version you last read: CONFLICT when the rule changed since. Without it, the rule is deleted at any version.",
    })
    expectedVersion?: number | null,
  ) {
    return deleteRule(ctx, id, expectedVersion ?? null);
  }
}
