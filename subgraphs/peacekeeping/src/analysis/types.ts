import { Field, Float, Int, ObjectType } from "type-graphql";
import { PersonnelCategory, PledgeStatus, Readiness } from "../entities/enums.js";

@ObjectType({ simpleResolvers: true, description: "Totals of the pledges you may count (never their detail) in one status." })
export class StatusTotals {
  @Field(() => PledgeStatus, { description: "The status counted." })
  status!: PledgeStatus;

  @Field(() => Int, { description: "Number of pledges." })
  pledges!: number;

  @Field(() => Int, { description: "Units pledged." })
  units!: number;

  @Field(() => Int, { description: "Personnel pledged." })
  personnel!: number;

  @Field(() => Int, { description: "Women among the personnel pledged." })
  womenPersonnel!: number;

  @Field(() => Boolean, {
    description:
      "Whether these figures leave out pledges you may count but not read, because they were too few to show under the rule " +
      "of the aggregate exception: fewer than 3 of them (docs/authority.md, Aggregates), so that no filter can single one out." +
      " The figures then count only the pledges you may read. A status whose every pledge was left out is absent.",
  })
  suppressed!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "One cell of the readiness pipeline: pledges you may count at one readiness level in one status.",
})
export class PipelineCell extends StatusTotals {
  @Field(() => Readiness, { description: "The readiness level counted." })
  readiness!: Readiness;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "Required versus deployed versus pledged for one mission and capability type. `gap` = `required` − `deployed` − `pledged`; " +
    "negative when what is on the ground and promised exceeds the requirement.",
})
export class CapabilityGap {
  /** Resolved to `capabilityType` in batches. */
  capabilityTypeCode!: string;

  @Field(() => Int, { description: "Units the mission requires (0 when it states no requirement)." })
  required!: number;

  @Field(() => Int, { description: "Personnel the mission requires." })
  requiredPersonnel!: number;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) by which the requirement is needed." })
  neededBy!: string | null;

  @Field(() => Int, { description: "Units on the ground according to the mission's latest deployment snapshot month (all contributors)." })
  deployed!: number;

  @Field(() => Int, { description: "Personnel on the ground according to the mission's latest deployment snapshot month." })
  deployedPersonnel!: number;

  @Field(() => Int, {
    description:
      "Units of pledges to this mission and capability with status PLEDGED or VERIFIED (promised, not yet deployed: DEPLOYED pledges " +
      "are already in `deployed`) at or above the chosen readiness level, counting only pledges you may aggregate.",
  })
  pledged!: number;

  @Field(() => Int, { description: "Personnel of the same pledges as `pledged`." })
  pledgedPersonnel!: number;

  @Field(() => Int, {
    description:
      "Of `pledged`, the units of pledges that carry no national caveat. Caveats you may not read count only when at least " +
      "3 of the counted pledges carry such caveats (the aggregate exception); fewer, and they are left out as invisible.",
  })
  pledgedWithoutCaveats!: number;

  @Field(() => Boolean, {
    description:
      "Whether `pledged`, `pledgedPersonnel` and `pledgedWithoutCaveats` leave out pledges you may count but not read, because " +
      "they were too few to show under the rule of the aggregate exception: fewer than 3 of them (docs/authority.md, Aggregates). " +
      "Those figures, and the gaps, then count only the pledges you may read (0 when you may read none).",
  })
  pledgedSuppressed!: boolean;

  @Field(() => Int, { description: "`required` − `deployed` − `pledged`, in units." })
  gap!: number;

  @Field(() => Int, { description: "`requiredPersonnel` − `deployedPersonnel` − `pledgedPersonnel`." })
  personnelGap!: number;
}

@ObjectType({ simpleResolvers: true, description: "What an event's pledges became, counting only pledges you may aggregate." })
export class EventDelivery {
  @Field(() => Int, { description: "Pledges made at the event." })
  pledges!: number;

  @Field(() => Int, { description: "Units pledged at the event." })
  units!: number;

  @Field(() => Int, { description: "Personnel pledged at the event." })
  personnel!: number;

  @Field(() => Int, { description: "Pledges delivered, i.e. with status DEPLOYED." })
  deliveredPledges!: number;

  @Field(() => Int, { description: "Units of the delivered pledges." })
  deliveredUnits!: number;

  @Field(() => Int, { description: "Personnel of the delivered pledges." })
  deliveredPersonnel!: number;

  @Field(() => Boolean, {
    description: "Whether any of these figures leaves out pledges you may count but not read (see `StatusTotals.suppressed`).",
  })
  suppressed!: boolean;

  @Field(() => [StatusTotals], { description: "The same pledges per status (statuses with none are left out)." })
  byStatus!: StatusTotals[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A country's peacekeeping contributions: pledge totals you may aggregate and what it has on the ground.",
})
export class PeacekeepingContributions {
  @Field(() => [StatusTotals], {
    description: "Its pledges per status, counting only pledges you may aggregate (statuses with none are left out).",
  })
  pledgesByStatus!: StatusTotals[];

  @Field(() => Int, { description: "Units deployed, summed over each mission's latest deployment snapshot month." })
  deployedUnits!: number;

  @Field(() => Int, { description: "Personnel deployed, summed over each mission's latest deployment snapshot month." })
  deployedPersonnel!: number;

  @Field(() => Int, { description: "Women among the personnel deployed." })
  deployedWomenPersonnel!: number;

  @Field(() => Int, { description: "Missions in which it has personnel in their latest snapshot month." })
  missionsDeployedTo!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A contributor's uniformed personnel and women in one category, deployed and pledged, against the Uniformed Gender Parity " +
    "Strategy's 2028 target. Shares are null where there is no personnel to divide by.",
})
export class WomenShare {
  @Field(() => PersonnelCategory, { description: "The category of uniformed personnel." })
  category!: PersonnelCategory;

  @Field(() => Float, { description: "The target share of women for the category (0.15 is 15%); see `genderParityTargets`." })
  target!: number;

  @Field(() => Int, { description: "Personnel deployed, over each mission's latest deployment snapshot month." })
  deployedPersonnel!: number;

  @Field(() => Int, { description: "Women among them." })
  deployedWomen!: number;

  @Field(() => Float, { nullable: true, description: "`deployedWomen` / `deployedPersonnel`, rounded to 4 decimals." })
  deployedShare!: number | null;

  @Field(() => Int, {
    description:
      "Personnel of its outstanding (PLEDGED or VERIFIED) pledges you may aggregate; a part resting on fewer than 3 pledges you may not read is left out.",
  })
  pledgedPersonnel!: number;

  @Field(() => Int, { description: "Women among them." })
  pledgedWomen!: number;

  @Field(() => Float, { nullable: true, description: "`pledgedWomen` / `pledgedPersonnel`, rounded to 4 decimals." })
  pledgedShare!: number | null;

  @Field(() => Boolean, { nullable: true, description: "Whether `deployedShare` reaches the target; null without deployed personnel." })
  deployedMeetsTarget!: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: "One contributor's women's share per category of uniformed personnel." })
export class ContributorWomenShare {
  /** Resolved to `contributor`. */
  contributorCode!: string;
}

@ObjectType({ simpleResolvers: true, description: "Pledges of an event that reached a readiness level (or a higher one)." })
export class LevelReached {
  @Field(() => Readiness, { description: "The readiness level." })
  readiness!: Readiness;

  @Field(() => Int, { description: "Pledges now at this level or above, whatever their status." })
  pledges!: number;

  @Field(() => Int, { description: "Their units." })
  units!: number;

  @Field(() => Int, { description: "Their personnel." })
  personnel!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "From the podium to the ground: what an event's pledges became, counting only pledges you may aggregate (a part resting on " +
    "fewer than 3 pledges you may not read is left out).",
})
export class PledgeFunnel {
  @Field(() => Int, { description: "Pledges counted." })
  pledges!: number;

  @Field(() => Int, { description: "Units pledged." })
  units!: number;

  @Field(() => Int, { description: "Personnel pledged." })
  personnel!: number;

  @Field(() => [LevelReached], { description: "Per readiness level, lowest first: the pledges that reached it." })
  reached!: LevelReached[];

  @Field(() => Int, { description: "Pledges deployed (status DEPLOYED)." })
  deployedPledges!: number;

  @Field(() => Int, { description: "Their units." })
  deployedUnits!: number;

  @Field(() => Int, { description: "Their personnel." })
  deployedPersonnel!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Median days from a deployed pledge's registration to its first DEPLOYED step, to 1 decimal; null when none is deployed.",
  })
  medianDaysToDeployment!: number | null;
}
