import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "A country or territory (ISO 3166-1); the peacekeeping subgraph adds the missions it hosts.",
})
@Directive('@key(fields: "code")')
export class Country {
  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code." })
  code!: string;
}

@ObjectType({ simpleResolvers: true, description: "A participant in Concert; the peacekeeping subgraph adds its pledges." })
@Directive('@key(fields: "code")')
export class Partner {
  @Field(() => ID, { description: "Partner code, e.g. USA, UN, GCR2P." })
  code!: string;
}
