import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_FILES } from "@concert/gateway";
import { CONSOLE_DIST } from "@concert/system";
import { Kind, parse } from "graphql";
import type { Journey, Operation, Persona } from "./journeys.js";

type Data = Record<string, unknown>;
type Variables = Record<string, unknown>;

/** How much of a page an answer fills, or a throw when the page would show nothing worth measuring. */
type Describe = (data: Data) => string;

const length = (items: unknown) => (Array.isArray(items) ? items.length : 0);

function nonEmpty(items: unknown, what: string): number {
  if (length(items) === 0) throw new Error(`console: no ${what} in the answer`);
  return length(items);
}

function found<T>(item: T | null | undefined, what: string): T {
  if (item === null || item === undefined) throw new Error(`console: no ${what} in the answer`);
  return item;
}

const COUNTRY = "CAF";
const MISSION = "MINUSCA";

/**
 * The console's pages the journey opens, each with the operations its components send on opening (`useQuery` in
 * `console/src/pages/`: MapPage; CountryPage with its ForecastsPanel; MissionPage with its ReadinessPanels) and the
 * variables they send. `smaller`: the variables of the smaller pass, where they differ (the map's region filter).
 */
const PAGES: { page: string; operations: Record<string, { variables: Variables; smaller?: Variables; describe: Describe }> }[] = [
  {
    page: "/console/map",
    operations: {
      MapCountries: { variables: {}, describe: (d) => `${nonEmpty(d.countries, "countries")} countries` },
      SharedWatchlist: {
        variables: { region: null, minLikelihood: null },
        smaller: { region: "Africa", minLikelihood: null },
        describe: (d) => `${length(d.sharedWatchlist)} on the watchlist`,
      },
    },
  },
  {
    page: `/console/countries/${COUNTRY}`,
    operations: {
      CountryRisk: {
        variables: { code: COUNTRY },
        describe: (d) => `${COUNTRY} ${length(found(d.country as Data, COUNTRY).latestRiskAssessments)} assessments`,
      },
      CountryForecasts: {
        variables: { code: COUNTRY },
        describe: (d) => `${length((d.forecastQuestions as Data | null)?.nodes)} forecast questions`,
      },
      CountryMissions: { variables: { code: COUNTRY }, describe: (d) => `${length(found(d.country as Data, COUNTRY).missions)} missions` },
      CountryPractices: {
        variables: { code: COUNTRY },
        describe: (d) => `${length(found(d.country as Data, COUNTRY).practices)} practices`,
      },
    },
  },
  {
    page: `/console/missions/${MISSION}`,
    operations: {
      Mission: {
        variables: { acronym: MISSION },
        describe: (d) => `${MISSION} ${nonEmpty(found(d.mission as Data, MISSION).level1, `${MISSION} gaps`)} capabilities`,
      },
      MissionReadiness: { variables: { acronym: MISSION }, describe: (d) => `${length((d.pledges as Data | null)?.nodes)} pledges` },
      MissionRosters: {
        variables: { acronym: MISSION },
        describe: (d) =>
          `${length((d.overdueRenewals as Data | null)?.nodes)} overdue renewals, ${length((d.rapidDeploymentRoster as Data | null)?.nodes)} on the rapid roster`,
      },
    },
  },
];

export const CONSOLE_PERSONAS: Persona[] = [
  { partner: "USA", roles: ["analyst"], description: "USA analyst (government)" },
  { partner: "UN", roles: ["planner"], description: "UN planner (multilateral)" },
];

/**
 * The console's documents by operation name, from the persisted-documents manifest its build writes and Concert's
 * gateway serves (`console/dist/persisted-documents.json`): the bench sends what the console sends.
 */
export function consoleDocuments(manifest = join(CONSOLE_DIST, MANIFEST_FILES[0]!)): Map<string, string> {
  if (!existsSync(manifest)) throw new Error(`console: no ${manifest}; build the console first (npm run build)`);
  const documents = new Map<string, string>();
  for (const text of Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>)) {
    for (const definition of parse(text).definitions)
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) documents.set(definition.name.value, text);
  }
  return documents;
}

/**
 * The fourth journey: the watchlist map, a country page and a mission page as the console opens them, as persisted
 * documents, first as a USA analyst and then as a UN planner.
 */
export function consoleJourney(documents = consoleDocuments()): Journey {
  const operations: Operation[] = [];
  const describe: Describe[] = [];
  for (const persona of CONSOLE_PERSONAS.keys()) {
    for (const { operations: sent } of PAGES) {
      for (const [operationName, { variables, smaller, describe: what }] of Object.entries(sent)) {
        const query = documents.get(operationName);
        if (!query) throw new Error(`console: the manifest has no operation ${operationName}; has the console renamed it?`);
        operations.push({ persona, query, operationName, persisted: true, refusals: true, variables, smaller: smaller ?? variables });
        describe.push(what);
      }
    }
  }
  return {
    name: "console",
    description: `The console's watchlist map, country page (${COUNTRY}) and mission page (${MISSION}): the ${operations.length / CONSOLE_PERSONAS.length} operations they send on opening, as persisted documents, by each persona in turn`,
    personas: CONSOLE_PERSONAS,
    operations,
    size(answers) {
      const perPersona = CONSOLE_PERSONAS.map((persona, p) => {
        const parts = operations.flatMap((o, i) => (o.persona === p ? [describe[i]!(answers[i]!)] : []));
        return `${persona.partner}: ${parts.join(", ")}`;
      });
      return perPersona.join("; ");
    },
  };
}
