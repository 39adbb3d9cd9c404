import { Collection, Entity, OneToMany, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ForumMembership } from "./forum-membership.js";

@Entity()
@ObjectType({
  simpleResolvers: true,
  description:
    "A network of partners that meets to compare practice, such as the Stabilization Leaders Forum. Its code can be named in RESTRICTED markings to release material to its members.",
})
@Directive('@key(fields: "code")')
export class Forum {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Short code, e.g. SLF, GAAMAC, R2PFP." })
  @PrimaryKey({ length: 16 })
  code!: string;

  @Field({ description: "Full name." })
  @Property()
  name!: string;

  @Field({ description: "What the forum is for." })
  @Property({ type: "text" })
  description!: string;

  @OneToMany(
    () => ForumMembership,
    (m) => m.forum,
  )
  memberships = new Collection<ForumMembership>(this);
}
