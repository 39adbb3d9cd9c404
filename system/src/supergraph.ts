import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { composeServices } from "@apollo/composition";
import { subgraphSdl } from "@concert/subgraph-kit/server";
import { parse } from "graphql";
import { SUBGRAPH_NAMES, type SubgraphName } from "./config/index.js";
import { SUBGRAPHS } from "./subgraphs.js";

/** The repository's `schema/` folder. */
export const SCHEMA_DIR = resolve(__dirname, "../../schema");

/** Placeholder URLs in the committed supergraph; the gateway is told the real ones at start. */
const PLACEHOLDER_URL = (name: string) => `http://${name}.concert.local/graphql`;

export interface GeneratedSchemas {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
}

/** Prints each subgraph's SDL from code and composes the supergraph; throws on composition errors. */
export async function generateSchemas(): Promise<GeneratedSchemas> {
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = `${subgraphSdl(await SUBGRAPHS[name].buildSchema()).trim()}\n`;
  }
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: PLACEHOLDER_URL(name), typeDefs: parse(subgraphs[name]) })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return { subgraphs, supergraph: `${result.supergraphSdl.trim()}\n` };
}

export function schemaFile(name: string): string {
  return join(SCHEMA_DIR, `${name}.graphql`);
}

/** The committed supergraph the gateway serves. */
export function committedSupergraph(): string {
  return readFileSync(schemaFile("supergraph"), "utf8");
}
