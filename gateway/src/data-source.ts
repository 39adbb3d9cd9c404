import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { REGISTRY_DEADLINE_HEADER } from "@concert/auth";
import { describeForLog, serviceUnavailable } from "@concert/edge";
import { REQUEST_ID_HEADER, type ServiceTelemetry, timedFetch } from "@concert/telemetry";
import { type DocumentNode, type GraphQLFormattedError, Kind, parse } from "graphql";
import type { Agent } from "undici";
import type { GatewayContext } from "./gateway.js";
import { subgraphFetcher } from "./subgraph-client.js";

type Response = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

/** A subgraph that answered a non-2xx status with a GraphQL body: its errors are its answer. */
class SubgraphAnswer extends Error {
  constructor(readonly errors: GraphQLFormattedError[]) {
    super("subgraph answered with errors");
  }
}

/** Entity fetches name at most this many entities in their errors. */
const MAX_ENTITY_ERRORS = 100;

/** The paths, within the subgraph's own response, of what a failed fetch would have answered. */
function answerPaths(document: DocumentNode, variables: Record<string, unknown> | undefined): (string | number)[][] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [];
  const paths: (string | number)[][] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const representations = variables?.representations;
    if (key === "_entities" && Array.isArray(representations)) {
      for (let i = 0; i < Math.min(representations.length, MAX_ENTITY_ERRORS); i++) paths.push([key, i]);
    } else paths.push([key]);
  }
  return paths;
}

/**
 * Forwards the caller's token to a subgraph, gives up after `timeoutMs`, and turns every failure
 * into errors the gateway places at their path with `serviceName`: a subgraph's own refusal keeps
 * its code; a subgraph that is down, hangs or answers garbage is SERVICE_UNAVAILABLE. Upstream URLs
 * and bodies go to the log, never to the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly telemetry: ServiceTelemetry,
    agent: Agent,
  ) {
    // undici's `request` on the gateway's pooled connections, each retired before the subgraph's keep-alive timeout
    // (subgraph-client.ts). The default agent of Apollo's fetcher kept idle sockets forever and, when a slow fetch
    // left one idle for 5 s, reused it as the subgraph closed it: "socket hang up" and ECONNRESET under load.
    super({ url, fetcher: timedFetch(telemetry.metrics, serviceName, subgraphFetcher(agent, timeoutMs)) });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.registryDeadline) request.http?.headers.set(REGISTRY_DEADLINE_HEADER, String(context.registryDeadline));
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0]) {
    const body = (await this.parseBody(response).catch(() => null)) as { errors?: unknown } | null;
    if (body && Array.isArray(body.errors) && body.errors.length > 0)
      return new SubgraphAnswer(body.errors as GraphQLFormattedError[]) as never;
    return new Error(`HTTP ${response.status} from ${this.serviceName}: ${String(JSON.stringify(body)).slice(0, 500)}`) as never;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    const paths = () => {
      const document =
        "document" in options && options.document ? options.document : options.request.query ? parse(options.request.query) : null;
      return document ? answerPaths(document, options.request.variables) : [];
    };
    try {
      return await super.process(options);
    } catch (err) {
      if (err instanceof SubgraphAnswer) {
        // A subgraph at capacity (503) refused the whole fetch: its error goes at every field it would have answered,
        // as when it is down.
        const [only] = err.errors;
        const unplaced = err.errors.length === 1 && only?.extensions?.code === "SERVICE_UNAVAILABLE" && !only.path;
        const at = unplaced ? paths() : [];
        return { errors: at.length ? at.map((path) => ({ ...only, path })) : err.errors };
      }
      const timedOut = (err as { name?: unknown } | null)?.name === "TimeoutError";
      const log = (options.context as Partial<GatewayContext> | undefined)?.log ?? this.telemetry.logger;
      log.error({ err: describeForLog(err), subgraph: this.serviceName }, "subgraph fetch failed");
      const message = timedOut
        ? `service ${this.serviceName} did not answer within ${this.timeoutMs} ms`
        : `service ${this.serviceName} is unavailable`;
      const at = paths();
      const errors = at.length
        ? at.map((path) => serviceUnavailable(this.serviceName, message, path))
        : [serviceUnavailable(this.serviceName, message)];
      return { errors };
    }
  }
}
