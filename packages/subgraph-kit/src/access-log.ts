import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { AuditEntry } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { unauthenticated } from "./errors.js";
import { Connection, PageArgs, paginate } from "./pagination.js";

/**
 * A resolver for `<subgraph>AccessLog`: the audit entries of the caller's own partner's records
 * held by this subgraph. Nobody sees the log of another partner's records.
 */
export function accessLogResolver(subgraph: string, typeName: string) {
  const AccessLogConnection = Connection(AuditEntry, `${typeName}AccessLog`, `access-log entries of ${subgraph} records`);

  @Resolver()
  class AccessLogResolver {
    // Nullable: an anonymous caller's UNAUTHENTICATED here must not null the rest of the response.
    @Query(() => AccessLogConnection, {
      name: `${subgraph}AccessLog`,
      nullable: true,
      description: `Who accessed your partner's ${subgraph} records, newest first. Only the originating partner sees these entries; null, with UNAUTHENTICATED, for an anonymous caller.`,
    })
    async accessLog(
      @Ctx() ctx: SubgraphContext,
      @Args() page: PageArgs,
      @Info() info: GraphQLResolveInfo,
      @Arg("entityId", () => ID, { nullable: true, description: "Only entries about this record (whose `entityIds` hold it)." })
      entityId?: string,
    ) {
      if (ctx.viewer.partner === null) throw unauthenticated("sign in to read your access log");
      const where = { originator: ctx.viewer.partner, ...(entityId ? { entityIds: { $contains: [entityId] } } : {}) };
      const result = await paginate(ctx.em, AuditEntry, where, page, [["id", "DESC"]], { info });
      if (entityId) for (const entry of result.nodes) entry.asked = entityId;
      return result;
    }
  }
  return AccessLogResolver;
}
