import { RISK_ASSESSMENT } from "@concert/policy";
import { columnsFor, columnsOf, selectedAt } from "@concert/subgraph-kit/reads";
import { useSubgraphDatabase } from "@concert/system/testing";
import type { EntityClass } from "@mikro-orm/core";
import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type OperationDefinitionNode, parse } from "graphql";

/** A read for display leaves a record's large columns out unless its selection asks for them (`columnsFor`). */

const risk = useSubgraphDatabase("risk", { demo: false });
const RiskAssessment = risk.entity<object>("RiskAssessment") as EntityClass<object>;

/** What graphql-js hands the resolver of the operation's first field. */
function infoOf(source: string): GraphQLResolveInfo {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [(d as FragmentDefinitionNode).name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0]], fragments } as unknown as GraphQLResolveInfo;
}

it("finds the fields selected at a path, through inline and named fragments and under aliases", () => {
  const info =
    infoOf(`{ sharedWatchlist { latestAssessments { id ...F ... on RiskAssessment { summary } } again: latestAssessments { stage } country { code } } }
    fragment F on RiskAssessment { scenarios likelihood }`);
  expect(selectedAt(info, ["latestAssessments"])).toEqual(new Set(["id", "summary", "scenarios", "likelihood", "stage"]));
  expect(selectedAt(info, [])).toEqual(new Set(["latestAssessments", "country"]));
  expect(selectedAt(info, ["listedBy"])).toEqual(new Set());
  expect(selectedAt(undefined, ["latestAssessments"])).toBeNull();
});

/** The key, the likelihood and its period, and every column the assessment's declaration decides readability by. */
const KEY_LIKELIHOOD_AND_READABILITY = [
  "id",
  "likelihood",
  "period_end",
  "marking",
  "releasable_to",
  "originator",
  "status",
  "evidence_marking",
  "evidence_releasable_to",
];

it("reads the large columns asked, and always what the declaration decides readability by", () => {
  const em = risk.db.orm.em.fork();
  const lean = columnsFor(em, RiskAssessment, RISK_ASSESSMENT, new Set(["likelihood"]))!;
  for (const column of KEY_LIKELIHOOD_AND_READABILITY) {
    expect(lean).toContain(column);
  }
  for (const column of [
    "summary",
    "scenarios",
    "recommended_actions",
    "actors",
    "target_groups",
    "resilience_factors",
    "triggers",
    "latest_of_class",
  ]) {
    expect(lean).not.toContain(column);
  }
  expect(columnsFor(em, RiskAssessment, RISK_ASSESSMENT, new Set(["summary", "actors"]))).toEqual(
    expect.arrayContaining([...lean, "summary", "actors"]),
  );
  expect(columnsFor(em, RiskAssessment, RISK_ASSESSMENT, null)).toBeNull();
});

it("reads just the properties named, with the key and what readability is decided by", () => {
  const em = risk.db.orm.em.fork();
  expect(new Set(columnsOf(em, RiskAssessment, RISK_ASSESSMENT, ["likelihood", "periodEnd"]))).toEqual(
    new Set(KEY_LIKELIHOOD_AND_READABILITY),
  );
});
