import { decideRegistryChange } from "@concert/policy";
import {
  badUserInput,
  enforce,
  expectVersion,
  notFound,
  requireDate,
  type SubgraphContext,
  today,
  transaction,
  yesterday,
} from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Partner } from "../entities/partner.js";
import { PartnerChanges, PartnerInput } from "../inputs/partner.js";
import { merged } from "../writes/marked.js";
import { partnerFields, partnerValues } from "../writes/partner-values.js";

/** A registry entry is public; its audit entries belong to the partner it describes. */
function audit(ctx: SubgraphContext, em: EntityManager, partner: Partner, action: string): void {
  ctx.audit.write(em, "Partner", { id: partner.code, originator: partner.code, marking: "PUBLIC" }, action);
}

/**
 * Applies `change` to a registry entry at the expected version, in one audited transaction;
 * `fields` are the registry fields it touches, which decide whose admin may make it.
 */
async function changePartner(
  ctx: SubgraphContext,
  code: string,
  expectedVersion: number,
  action: string,
  fields: readonly string[],
  change: (p: Partner) => Promise<Partial<Partner>>,
) {
  enforce(ctx, decideRegistryChange(ctx.viewer, code.trim().toUpperCase(), fields));
  return transaction(ctx, async (em) => {
    const partner = await em.findOne(Partner, { code: code.trim().toUpperCase() });
    if (!partner) throw notFound(`Partner ${code}`);
    expectVersion(partner, expectedVersion, `Partner ${partner.code}`);
    Object.assign(partner, await change(partner));
    audit(ctx, em, partner, action);
    return partner;
  });
}

/**
 * The partner registry is kept by the operator's admins; a partner's own admin changes only its
 * descriptive fields (policy: decideRegistryChange). Partners' systems read it through `partners`.
 */
@Resolver()
export class PartnerRegistryMutations {
  @Mutation(() => Partner, {
    description: "Adds a partner to the registry (the operator's admin). Its tokens are accepted from `activeFrom` on.",
  })
  async registerPartner(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => PartnerInput, { description: "The new partner." }) input: PartnerInput,
  ) {
    enforce(ctx, decideRegistryChange(ctx.viewer, null, Object.keys(input)));
    const code = input.code.trim().toUpperCase();
    const fields = await partnerFields(ctx, "input", { ...input, code, activeFrom: input.activeFrom ?? today() });
    return transaction(ctx, async (em) => {
      if (await em.count(Partner, { code })) throw badUserInput("input.code", `${code} is already registered`);
      const partner = Object.assign(new Partner(), fields, { code });
      em.persist(partner);
      audit(ctx, em, partner, "create");
      return partner;
    });
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
    const fields = Object.keys(changes).filter((f) => changes[f as keyof PartnerChanges] !== undefined);
    return changePartner(ctx, code, expectedVersion, "update", fields, (p) =>
      partnerFields(ctx, "changes", merged(partnerValues(p), changes)),
    );
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
    return changePartner(ctx, code, expectedVersion, "deactivate", ["activeTo"], async (p) => {
      if (last < p.activeFrom) throw badUserInput("activeTo", `must not be before activeFrom (${p.activeFrom})`);
      return { activeTo: last };
    });
  }
}
