import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@concert/edge";
import type { EntityClass, EntityName, FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { ArgsType, type ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { badUserInput } from "./errors.js";
import { isUuid } from "./loaders.js";
import { countPlain, findPlain } from "./plain-rows.js";
import { selects } from "./selection.js";

// One definition, shared with the query limits that refuse a bad `first` before execution.
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (a previous page's `pageInfo.endCursor`)." })
  after?: string;
}

@Directive("@shareable")
@ObjectType({ simpleResolvers: true, description: "Where a page stands in the whole list." })
export class PageInfo {
  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page; pass it as `after` for the next page." })
  endCursor!: string | null;

  @Field({ description: "Whether more items follow this page." })
  hasNextPage!: boolean;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A cursor connection type named `<name>Connection`, with `<name>Edge`. */
export function Connection<T extends object>(itemType: ClassType<T>, name: string, itemsDescription: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${itemsDescription} item and its cursor.` })
  class Edge {
    @Field({ description: "Opaque cursor of this item." })
    cursor!: string;

    @Field(() => itemType, { description: "The item." })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${itemsDescription}, in a stable order.` })
  class ConnectionType implements Page<T> {
    @Field(() => [itemType], { description: "The items of this page." })
    nodes!: T[];

    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: "How to fetch the next page." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds, counting only those the caller may see." })
    totalCount!: number;
  }
  return ConnectionType;
}

type Direction = "ASC" | "DESC";
export type OrderKey<T> = readonly [keyof T & string, Direction];

/** An opaque cursor for the ordering values of an item. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** What one value of a cursor must be, so that a crafted cursor is refused before it reaches SQL. */
export type CursorValue = "timestamp" | "number" | "uuid" | "integer-text" | "text";

const CURSOR_CHECKS: Record<CursorValue, (v: unknown) => boolean> = {
  timestamp: (v) => typeof v === "string" && v.length <= 40 && !Number.isNaN(Date.parse(v)),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  uuid: (v) => typeof v === "string" && isUuid(v),
  "integer-text": (v) => typeof v === "string" && /^-?\d{1,19}$/.test(v),
  text: (v) => typeof v === "string" && v.length <= 1000 && !v.includes("\u0000"),
};

/** The ordering values of a cursor; BAD_USER_INPUT on `after` when it is not one of values of these kinds. */
export function decodeCursor(cursor: string, kinds: readonly CursorValue[]): unknown[] {
  try {
    const values = cursor.length <= 4096 ? (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown) : null;
    if (Array.isArray(values) && values.length === kinds.length && kinds.every((kind, i) => CURSOR_CHECKS[kind](values[i]))) return values;
  } catch {
    // fall through
  }
  throw badUserInput("after", "not a cursor of this list");
}

/** The kind of cursor value an ordering column holds, from the entity's metadata. */
function cursorValue(em: EntityManager, entity: EntityName<object>, field: string): CursorValue {
  const property = em.getMetadata().find(entity)?.properties[field as never] as
    | { runtimeType?: string; columnTypes?: string[] }
    | undefined;
  const column = property?.columnTypes?.[0] ?? "";
  if (property?.runtimeType === "Date" || column.startsWith("timestamp") || column === "date") return "timestamp";
  if (column === "uuid") return "uuid";
  if (column === "bigint") return "integer-text";
  if (property?.runtimeType === "number") return "number";
  return "text";
}

/** The page size asked for by `first`, checked; the default when absent. */
export function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput("first", `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Keyset condition for "after these values" over a multi-column ordering. */
function afterCondition<T>(order: readonly OrderKey<T>[], values: unknown[]): FilterQuery<T> {
  const alternatives = order.map(([field, dir], i) => {
    const cond: Record<string, unknown> = {};
    for (const [j, [f]] of order.slice(0, i).entries()) cond[f] = values[j];
    cond[field] = { [dir === "ASC" ? "$gt" : "$lt"]: values[i] };
    return cond;
  });
  return { $or: alternatives } as FilterQuery<T>;
}

/** A `totalCount` nobody asked for: never served, as the field is not in the selection. */
const UNCOUNTED = -1;

/** How a page is read. */
export interface PageOptions {
  /** The connection field's resolve info: `totalCount` is counted only when it selects it. Without it, always. */
  info?: GraphQLResolveInfo;
  /** Serve plain rows (see `findPlain`) instead of entities: for read-only lists whose resolvers need no entity. */
  plain?: boolean;
  /**
   * The data version every write to the listed table moves: a page of plain rows and `totalCount` keep the database's
   * rows until it does (`runCompiledUntilChanged`).
   */
  keptUntil?: string;
}

/**
 * One page of `entity` matching `where`, ordered by `order` (whose last key must be unique,
 * e.g. the id), with the total count when asked for: one or two SQL statements whatever the page size.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  order: readonly OrderKey<T>[],
  { info, plain = false, keptUntil }: PageOptions = {},
): Promise<Page<T>> {
  const limit = pageSize(args.first);
  const conditions: FilterQuery<T>[] = [where];
  if (args.after) {
    const kinds = order.map(([field]) => cursorValue(em, entity as EntityName<object>, field));
    conditions.push(afterCondition(order, decodeCursor(args.after, kinds)));
  }
  const orderBy = Object.fromEntries(order.map(([f, d]) => [f, d])) as never;
  const filter = { $and: conditions } as FilterQuery<T>;
  const [rows, totalCount] = await Promise.all([
    plain
      ? findPlain(em, entity as EntityClass<T>, filter, { orderBy, limit: limit + 1 }, keptUntil)
      : em.find(entity, filter, { orderBy, limit: limit + 1 }),
    selects(info, "totalCount") ? countPlain(em, entity as EntityClass<T>, where, keptUntil) : UNCOUNTED,
  ]);
  const nodes = rows.slice(0, limit);
  const cursorOf = (node: T) =>
    encodeCursor(
      order.map(([f]) => {
        const v = (node as Record<string, unknown>)[f];
        return v instanceof Date ? v.toISOString() : v;
      }),
    );
  // A cursor per item only for a selection that reads `edges`; `pageInfo` needs the last one alone.
  const edges = selects(info, "edges") ? nodes.map((node) => ({ node, cursor: cursorOf(node) })) : [];
  const last = nodes.at(-1);
  return {
    nodes,
    edges,
    totalCount,
    pageInfo: { endCursor: last === undefined ? null : cursorOf(last), hasNextPage: rows.length > limit },
  };
}
