import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

// graphql-js hands every item of a list the same field nodes: the names are collected once per field of an operation.
const namesByFieldNodes = new WeakMap<readonly FieldNode[], Set<string>>();

/** The names of the fields `info`'s field selects directly, through inline and named fragments alike. */
function selectedNames(info: GraphQLResolveInfo): Set<string> {
  const known = namesByFieldNodes.get(info.fieldNodes);
  if (known) return known;
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  namesByFieldNodes.set(info.fieldNodes, names);
  return names;
}

/**
 * Whether the field being resolved selects `field` directly (through fragments too, whatever their
 * `@include`/`@skip`: when in doubt it is computed). Without `info`, every field counts as selected.
 */
export function selects(info: GraphQLResolveInfo | undefined, field: string): boolean {
  return !info || selectedNames(info).has(field);
}

/**
 * Whether the field being resolved selects nothing but `fields` (and `__typename`), whatever the fragments and
 * their `@include`/`@skip`: then an object holding just those fields answers it, with no read. Without `info`, false.
 */
export function selectsOnly(info: GraphQLResolveInfo | undefined, fields: readonly string[]): boolean {
  if (!info) return false;
  for (const name of selectedNames(info)) if (name !== "__typename" && !fields.includes(name)) return false;
  return true;
}

/** The field nodes of `sets` (through inline and named fragments), each with the selection sets below it. */
function fieldsOf(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const set of sets) collect(set);
  return fields;
}

/**
 * The names of the fields selected at `path` below the field being resolved (`["latestAssessments"]`: what its
 * `latestAssessments` selects), through fragments and whatever their `@include`/`@skip`, and under every alias.
 * Null without `info`: the caller reads as if every field were asked.
 */
export function selectedAt(info: GraphQLResolveInfo | undefined, path: readonly string[]): Set<string> | null {
  if (!info) return null;
  let sets = info.fieldNodes.map((node) => node.selectionSet).filter((set) => set !== undefined);
  for (const name of path) {
    sets = fieldsOf(info, sets)
      .filter((field) => field.name.value === name)
      .map((field) => field.selectionSet)
      .filter((set) => set !== undefined);
  }
  return new Set(fieldsOf(info, sets).map((field) => field.name.value));
}
