import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A country or territory (ISO 3166-1); the risk subgraph adds its assessments." })
@Directive('@key(fields: "code")')
export class Country {
  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code." })
  code!: string;
}

@ObjectType({ simpleResolvers: true, description: "A participant in Concert; the risk subgraph adds the assessments it authored." })
@Directive('@key(fields: "code")')
export class Partner {
  @Field(() => ID, { description: "Partner code, e.g. USA, UN, GCR2P." })
  code!: string;
}
