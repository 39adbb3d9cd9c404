import "reflect-metadata";
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { Supergraph } from "@apollo/federation-internals";
import { Trace } from "@apollo/usage-reporting-protobuf";
import { createTokenVerifier, staticDirectory } from "@concert/auth";
import { type Database, dropDatabase, freePort, openDatabase } from "@concert/db";
import { startGateway } from "@concert/gateway";
import {
  buildFederatedSchema,
  type ComposedDirectiveSpec,
  type RunningService,
  startSubgraphServer,
  subgraphSdl,
} from "@concert/subgraph-kit/server";
import {
  DirectiveLocation,
  type DocumentNode,
  GraphQLDirective,
  GraphQLNonNull,
  type GraphQLSchema,
  GraphQLString,
  type InterfaceTypeDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
} from "graphql";
import { Directive, Field, ID, Int, InterfaceType, ObjectType, Query, Resolver } from "type-graphql";
import { edgeFromEnv, SUBGRAPH_NAMES } from "./config/index.js";
import { SUBGRAPHS } from "./subgraphs.js";
import { committedSupergraph, schemaFile } from "./supergraph.js";

/*
 * Two small subgraphs beside the real three. "bulletins" owns an interface entity; "annotations"
 * extends it through @interfaceObject, takes a field over with @override, tags one field, hides
 * another with @inaccessible, and marks one with its own @audited directive, kept by @composeDirective.
 */

const AUDITED: ComposedDirectiveSpec = {
  url: "https://concert.example/audited/v1.0",
  directives: [
    new GraphQLDirective({
      name: "audited",
      description: "Reads of this field are recorded in the audit trail.",
      locations: [DirectiveLocation.FIELD_DEFINITION],
      args: { reason: { type: new GraphQLNonNull(GraphQLString), description: "Why reads are audited." } },
    }),
  ],
};

@Directive('@key(fields: "id")')
@InterfaceType("Bulletin", { description: "A notice sent to partners." })
abstract class BulletinInterface {
  @Field(() => ID, { description: "Identifier." })
  id!: string;

  @Field({ description: "Headline." })
  title!: string;
}

@Directive('@key(fields: "id")')
@ObjectType("Alert", { simpleResolvers: true, implements: BulletinInterface, description: "An urgent bulletin." })
class Alert extends BulletinInterface {}

@Directive('@key(fields: "id")')
@ObjectType("Desk", { simpleResolvers: true, description: "The desk that writes bulletins." })
class BulletinsDesk {
  @Field(() => ID, { description: "Identifier." })
  id!: string;

  @Field({ description: "Name, resolved by the annotations subgraph since it overrides it." })
  name!: string;
}

const ALERT = { id: "a1", title: "Escalation in the north" };
const DESK = { id: "d1", name: "Early warning" };

@Resolver()
class BulletinsQuery {
  @Query(() => [BulletinInterface], { description: "Every bulletin." })
  probeBulletins(): Alert[] {
    return [Object.assign(new Alert(), ALERT)];
  }

  @Query(() => [BulletinsDesk], { description: "Every desk." })
  probeDesks(): BulletinsDesk[] {
    return [Object.assign(new BulletinsDesk(), DESK)];
  }
}

@Directive("@interfaceObject")
@Directive('@key(fields: "id")')
@ObjectType("Bulletin", { simpleResolvers: true, description: "A notice sent to partners." })
class AnnotatedBulletin {
  @Field(() => ID, { description: "Identifier." })
  id!: string;

  @Directive('@tag(name: "partner-api")')
  @Directive('@audited(reason: "annotations may carry sources")')
  @Field({ description: "An analyst's note." })
  annotation!: string;
}

@Directive('@key(fields: "id")')
@ObjectType("Desk", { simpleResolvers: true, description: "The desk that writes bulletins." })
class AnnotationsDesk {
  @Field(() => ID, { description: "Identifier." })
  id!: string;

  @Directive('@override(from: "bulletins")')
  @Field({ description: "Name." })
  name!: string;

  @Directive("@inaccessible")
  @Field({ description: "Internal filing reference." })
  filingRef!: string;
}

@ObjectType("AnnotationCount", { simpleResolvers: true, description: "A count of annotations." })
class AnnotationCount {
  @Field(() => Int, { description: "The count." })
  value!: number;
}

@Resolver()
class AnnotationsQuery {
  @Query(() => AnnotationCount, { description: "How many annotations exist." })
  probeAnnotationCount(): AnnotationCount {
    return { value: 1 };
  }
}

const bulletinsSchema = () =>
  buildFederatedSchema({
    resolvers: [BulletinsQuery],
    orphanedTypes: [Alert],
    referenceResolvers: {
      Bulletin: { __resolveReference: (ref) => ({ ...ALERT, ...ref, __typename: "Alert" }) },
      Alert: { __resolveReference: (ref) => ({ ...ALERT, ...ref }) },
      Desk: { __resolveReference: (ref) => ({ ...DESK, ...ref }) },
    },
  });

const annotationsSchema = () =>
  buildFederatedSchema({
    resolvers: [AnnotationsQuery],
    orphanedTypes: [AnnotatedBulletin, AnnotationsDesk],
    referenceResolvers: {
      Bulletin: { __resolveReference: (ref) => ({ ...ref, annotation: "Source: field office" }) },
      Desk: { __resolveReference: (ref) => ({ ...ref, name: "Early warning desk", filingRef: "EW-1" }) },
    },
    composedDirectives: [AUDITED],
  });

/** The directives on a type of the supergraph, or on one of its fields, as printed. */
function directivesOf(document: DocumentNode, typeName: string, fieldName?: string): string[] {
  const type = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.name.value === typeName,
  );
  const node = fieldName ? type?.fields?.find((f) => f.name.value === fieldName) : type;
  return (node?.directives ?? []).map((directive) => print(directive));
}

describe("buildFederatedSchema", () => {
  it("composes @tag, @inaccessible, @override, @interfaceObject and a @composeDirective'd directive with the real subgraphs", async () => {
    const probes = { bulletins: await bulletinsSchema(), annotations: await annotationsSchema() };
    const services = [
      ...SUBGRAPH_NAMES.map((name) => ({ name, typeDefs: parse(readFileSync(schemaFile(name), "utf8")) })),
      ...Object.entries(probes).map(([name, schema]) => ({ name, typeDefs: parse(subgraphSdl(schema)) })),
    ].map((service) => ({ ...service, url: `http://${service.name}.concert.local/graphql` }));

    const result = composeServices(services);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const supergraph = result.supergraphSdl ?? "";

    expect(supergraph).toContain('@link(url: "https://concert.example/audited/v1.0", import: ["@audited"])');
    const document = parse(supergraph);
    const audited = document.definitions.find((d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === "audited");
    expect(audited && print(audited)).toMatch(
      /^"""Reads of this field are recorded in the audit trail."""\ndirective @audited\(\s+"""Why reads are audited."""\s+reason: String!\s+\) on FIELD_DEFINITION$/,
    );
    expect(directivesOf(document, "Bulletin", "annotation")).toEqual([
      "@join__field(graph: ANNOTATIONS)",
      '@tag(name: "partner-api")',
      '@audited(reason: "annotations may carry sources")',
    ]);
    expect(directivesOf(document, "Bulletin")).toContain('@join__type(graph: ANNOTATIONS, key: "id", isInterfaceObject: true)');
    expect(directivesOf(document, "Desk", "name")).toEqual(['@join__field(graph: ANNOTATIONS, override: "bulletins")']);
    expect(directivesOf(document, "Desk", "filingRef")).toEqual(["@inaccessible", "@join__field(graph: ANNOTATIONS)"]);

    const api = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
    const fieldsOf = (schema: GraphQLSchema, type: string) => Object.keys((schema.getType(type) as { getFields(): object }).getFields());
    expect(fieldsOf(api, "Desk").sort()).toEqual(["id", "name"]);
    // @interfaceObject adds the field to the interface and every implementation the owner knows.
    expect(fieldsOf(api, "Bulletin").sort()).toEqual(["annotation", "id", "title"]);
    expect(fieldsOf(api, "Alert").sort()).toEqual(["annotation", "id", "title"]);

    // The real subgraphs' API is all still there.
    const released = Supergraph.build(committedSupergraph()).apiSchema().toGraphQLJSSchema();
    for (const type of Object.keys(released.getTypeMap()))
      expect({ type, present: api.getType(type) !== undefined }).toEqual({ type, present: true });
  });

  it("links only the federation directives a schema uses, whichever they are, with no change to the helper", async () => {
    const importsOf = (sdl: string) =>
      JSON.parse(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/[^"]+", import: (\[[^\]]*\])\)/.exec(sdl)![1]!) as string[];
    expect(importsOf(subgraphSdl(await annotationsSchema()))).toEqual([
      "@key",
      "@override",
      "@tag",
      "@inaccessible",
      "@composeDirective",
      "@interfaceObject",
    ]);
    const bulletins = importsOf(subgraphSdl(await bulletinsSchema()));
    expect(bulletins).toContain("@key");
    expect(bulletins).not.toContain("@override");
    expect(bulletins).not.toContain("@policy");
  });
});

describe("subgraphs served with the federation helper", () => {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const dbName = `s${process.pid}_federation_helper`;
  let db: Database;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    // The server forks an entity manager per request, so it needs a real database, though the probes read none.
    const module = SUBGRAPHS.engagements;
    db = await openDatabase({ serverUrl: databaseUrl, dbName, entities: module.entities, migrationsPath: module.migrationsPath });
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await db.close();
    await dropDatabase(databaseUrl, dbName);
  });

  async function serve(name: string, schema: GraphQLSchema, inlineTracing?: boolean): Promise<RunningService> {
    const server = await startSubgraphServer({
      name,
      schema,
      orm: db.orm,
      edge: edgeFromEnv({}, true),
      verify: createTokenVerifier([]),
      directory: staticDirectory([]),
      port: await freePort(),
      host: "127.0.0.1",
      development: true,
      inlineTracing,
    });
    stops.push(() => server.stop());
    return server;
  }

  async function post(
    url: string,
    query: string,
    headers: Record<string, string> = {},
  ): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[]; extensions?: { ftv1?: unknown } }> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as never;
  }

  const TRACE_HEADER = { "apollo-federation-include-trace": "ftv1" };
  const BULLETINS_QUERY = "{ probeBulletins { id title } }";

  it("answers the gateway's ftv1 header with a trace of the resolved fields when inline tracing is on", async () => {
    const server = await serve("bulletins", await bulletinsSchema(), true);
    const body = await post(server.url, BULLETINS_QUERY, TRACE_HEADER);
    expect(body.data).toEqual({ probeBulletins: [{ id: ALERT.id, title: ALERT.title }] });
    expect(typeof body.extensions?.ftv1).toBe("string");
    const trace = Trace.decode(Buffer.from(body.extensions?.ftv1 as string, "base64"));
    expect(trace.root?.child?.map((node) => node.responseName)).toEqual(["probeBulletins"]);
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
  });

  it("sends no trace by default", async () => {
    const server = await serve("bulletins", await bulletinsSchema());
    const body = await post(server.url, BULLETINS_QUERY, TRACE_HEADER);
    expect(body.data).toEqual({ probeBulletins: [{ id: ALERT.id, title: ALERT.title }] });
    expect(body.extensions?.ftv1).toBeUndefined();
  });

  it("lets the gateway resolve @interfaceObject and @override fields from the subgraph that declares them, and hides @inaccessible ones", async () => {
    const schemas = { bulletins: await bulletinsSchema(), annotations: await annotationsSchema() };
    const subgraphUrls: Record<string, string> = {};
    for (const [name, schema] of Object.entries(schemas)) subgraphUrls[name] = (await serve(name, schema)).url;
    const composed = composeServices(
      Object.entries(schemas).map(([name, schema]) => ({ name, url: subgraphUrls[name], typeDefs: parse(subgraphSdl(schema)) })),
    );
    expect(composed.errors).toBeUndefined();
    const gateway = await startGateway({
      supergraphSdl: composed.supergraphSdl ?? "",
      subgraphUrls,
      edge: edgeFromEnv({}, true),
      verify: createTokenVerifier([]),
      directory: staticDirectory([]),
      port: await freePort(),
      host: "127.0.0.1",
      development: true,
    });
    stops.push(() => gateway.stop());

    const body = await post(gateway.url, "{ probeBulletins { __typename title annotation } probeDesks { name } }");
    expect(body).toEqual({
      data: {
        probeBulletins: [{ __typename: "Alert", title: ALERT.title, annotation: "Source: field office" }],
        probeDesks: [{ name: "Early warning desk" }],
      },
    });
    const hidden = await post(gateway.url, "{ probeDesks { filingRef } }");
    expect(hidden.errors?.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});
