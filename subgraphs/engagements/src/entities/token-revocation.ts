import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";

@Entity()
@Unique({ properties: ["partnerCode", "subject"] })
@ObjectType({
  simpleResolvers: true,
  description:
    "A person whose tokens issued before `revokedAt` are refused everywhere. The person is named by a digest only: hex SHA-256 of `<partner code>\\n<token subject>`.",
})
export class TokenRevocation {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** The partner the person speaks for. */
  @Property({ length: 16 })
  partnerCode!: string;

  /** The token subject (`sub`), kept for the operator; never served. */
  @Property({ type: "text" })
  subject!: string;

  @Field({ description: "Hex SHA-256 of the partner code, a newline and the token subject." })
  @Property({ length: 64 })
  subjectDigest!: string;

  @Field({ description: "Tokens of this person issued (`iat`) before this moment are refused." })
  @Property()
  revokedAt!: Date;
}
