import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireDate, yesterday } from "@concert/subgraph-kit/writes";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Partner } from "../entities/partner.js";
import { PartnerChanges, PartnerInput } from "../inputs/partner.js";
import { deactivatePartner, registerPartner, updatePartner } from "../writes/partner.js";

/**
 * The partner registry is kept by the operator's admins; a partner's own admin changes only its
 * descriptive fields (policy: decideRegistryChange). Partners' systems read it through `partners`.
 */
@Resolver()
export class PartnerRegistryMutations {
  @Mutation(() => Partner, {
    description: "Adds a partner to the registry (the operator's admin). Its tokens are accepted from `activeFrom` on.",
  })
  registerPartner(@Ctx() ctx: SubgraphContext, @Arg("input", () => PartnerInput, { description: "The new partner." }) input: PartnerInput) {
    return registerPartner(ctx, input);
  }

  @Mutation(() => Partner, {
    description:
      "Changes a registry entry (the operator's admin; a partner's own admin: its name only); CONFLICT when it changed since `expectedVersion`.",
  })
  updatePartner(
    @Ctx() ctx: SubgraphContext,
    @Arg("code", () => ID, { description: "Partner code." }) code: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("changes", () => PartnerChanges, { description: "What to change." }) changes: PartnerChanges,
  ) {
    return updatePartner(ctx, code, expectedVersion, changes);
  }

  @Mutation(() => Partner, {
    description:
      "Ends a partner's participation (the operator's admin): from the day after `activeTo` its tokens are refused and it drops out of `partners`. Its records stay.",
  })
  deactivatePartner(
    @Ctx() ctx: SubgraphContext,
    @Arg("code", () => ID, { description: "Partner code." }) code: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("activeTo", () => String, {
      nullable: true,
      description: "Last day (YYYY-MM-DD) of participation; yesterday when left out, so it ends at once.",
    })
    activeTo?: string | null,
  ) {
    const last = activeTo ? requireDate("activeTo", activeTo) : yesterday();
    return deactivatePartner(ctx, code, expectedVersion, last);
  }
}
