import type { GraphQLResponse, TestSystem, UntypedData } from "@concert/system/testing";

/** Who asks: a partner and role, or nobody (anonymous). */
export type Persona = SignedIn | "anonymous";

/** A partner and role that sign their requests. */
export type SignedIn = { partner: string; role: string };

const tokenOf = (system: TestSystem, who: Persona) => (who === "anonymous" ? undefined : system.token(who.partner, who.role));

export async function ask<T = UntypedData>(
  system: TestSystem,
  who: Persona,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return system.query<T>(query, { token: await tokenOf(system, who), variables });
}

/** The data of a query that must succeed (`system.ok` as `who`). */
export async function data<T = UntypedData>(
  system: TestSystem,
  who: Persona,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  return system.ok<T>(query, await tokenOf(system, who), variables);
}

/** The code and field of the one error a request must fail with. */
export async function failure(system: TestSystem, who: Persona, query: string, variables?: Record<string, unknown>) {
  const res = await ask(system, who, query, variables);
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0]!.extensions?.code, field: res.errors![0]!.extensions?.field };
}

export const CONTRIBUTE = /* GraphQL */ `
  mutation Contribute($input: PracticeInput!) {
    contributePractice(input: $input) { id version }
  }
`;

/** A practice input with sensible defaults. */
export function practiceInput(overrides: Record<string, unknown> = {}) {
  return { kind: "BEST_PRACTICE", theme: "TRAINING", title: "A practice", summary: "What it is.", marking: "PARTNERS", ...overrides };
}

export const TITLES = {
  usaEarlyWarning: "[DEMO] Interagency early-warning task force with a watchlist reviewed every quarter",
  canEarlyWarning: "[DEMO] Early-warning cell linked to embassies through a monthly reporting template",
  deuEarlyWarning: "[DEMO] Quantitative forecasts need a qualitative review before they trigger action",
  gbrEarlyWarning: "[DEMO] Joint analysis of conflict and stability shared with forum partners",
  ausEarlyWarning: "[DEMO] Regional early-warning desk combining open-source monitoring with embassy reporting",
  deuSahel: "[DEMO] Stabilization programmes need an agreed trigger to pause when early warning turns red",
  icgCivilSociety: "[DEMO] Field researchers brief decision makers directly",
};
