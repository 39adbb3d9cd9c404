import { randomUUID } from "node:crypto";
import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";

@Entity()
@ObjectType({
  simpleResolvers: true,
  description:
    "A named, read-only, expiring credential of one partner for its TAXII clients (the exchange service, HTTP Basic). The key itself is shown once, when created; Concert keeps only its SHA-256.",
})
export class ExchangeKey {
  @Field(() => ID, { description: "Identifier of the key; the Basic user name its clients send." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** The partner the key speaks for. */
  @Index()
  @Property({ length: 16 })
  partnerCode!: string;

  @Field({ description: 'What the key is for, e.g. "OpenCTI production".' })
  @Property({ type: "text" })
  name!: string;

  /** Hex SHA-256 of the secret: the secret is 32 random bytes, so a fast hash is enough. Never served. */
  @Index()
  @Property({ length: 64 })
  secretHash!: string;

  @Field({ description: "The first characters of the key, to tell keys apart." })
  @Property({ length: 16 })
  prefix!: string;

  @Field({ description: "Subject of the admin who created it." })
  @Property({ type: "text" })
  createdBy!: string;

  @Field({ description: "When it was created." })
  @Property()
  createdAt: Date = new Date();

  @Field({ description: "When it stops working (at most a year after its creation)." })
  @Property()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it has not been." })
  @Property({ type: "datetime", nullable: true })
  revokedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When it was last used; null if never." })
  @Property({ type: "datetime", nullable: true })
  lastUsedAt: Date | null = null;
}
