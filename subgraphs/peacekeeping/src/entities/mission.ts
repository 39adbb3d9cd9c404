import { ArrayType, Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { MissionStatus } from "./enums.js";

@Entity()
@ObjectType({ simpleResolvers: true, description: "A UN peacekeeping operation." })
@Directive('@key(fields: "acronym")')
export class Mission {
  [PrimaryKeyProp]?: "acronym";

  @Field(() => ID, { description: "Acronym, e.g. MINUSCA." })
  @PrimaryKey({ length: 16 })
  acronym!: string;

  @Field({ description: "Full name." })
  @Property()
  name!: string;

  /** ISO alpha-3 codes of the host countries; exposed as `hostCountries`. */
  @Index({ type: "GIN" })
  @Property({ type: ArrayType })
  hostCountryCodes: string[] = [];

  @Field({ description: "Whether the mandate includes the protection of civilians." })
  @Property()
  protectionOfCivilians!: boolean;

  @Field({ description: "Whether the mandate was given under Chapter VII of the UN Charter." })
  @Property()
  chapterVII!: boolean;

  @Field({ description: "Date (YYYY-MM-DD) the Security Council established the operation." })
  @Property({ type: "string", columnType: "date" })
  startDate!: string;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) the operation ended or its mandate is set to end." })
  @Property({ type: "string", columnType: "date", nullable: true })
  endDate!: string | null;

  @Field(() => MissionStatus, { description: "Active, drawing down or closed." })
  @Enum(() => MissionStatus)
  status!: MissionStatus;

  @Field(() => Int, { description: "Incremented by every change; name it in a write to guard against overwriting a newer version." })
  @Property({ version: true, default: 1 })
  version!: number;

  @Field({ description: "When the mission record last changed." })
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
