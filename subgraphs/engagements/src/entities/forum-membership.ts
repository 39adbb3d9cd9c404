import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Forum } from "./forum.js";
import { Partner } from "./partner.js";

export enum MembershipRole {
  MEMBER = "MEMBER",
  CO_CHAIR = "CO_CHAIR",
  OBSERVER = "OBSERVER",
}
registerEnumType(MembershipRole, { name: "MembershipRole", description: "A partner's standing in a forum." });

@Entity()
@Index({ properties: ["partner"] })
@Unique({ properties: ["forum", "partner", "since"] })
@ObjectType({ simpleResolvers: true, description: "A partner's membership of a forum over a period." })
export class ForumMembership {
  @Field(() => ID, { description: "Identifier of the membership." })
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => Forum, { ref: true })
  forum!: Ref<Forum>;

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @Field(() => MembershipRole, { description: "Member, co-chair or observer." })
  @Enum(() => MembershipRole)
  role!: MembershipRole;

  @Field({ description: "Date (YYYY-MM-DD) the membership began." })
  @Property({ type: "string", columnType: "date" })
  since!: string;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) the membership ended; null while current." })
  @Property({ type: "string", columnType: "date", nullable: true })
  until!: string | null;

  @Field(() => Int, {
    description: "Incremented by every change; name it in `endForumMembership` to guard against overwriting a newer version.",
  })
  @Property({ version: true })
  version!: number;
}
