import { startTestSystem, type TestSystem, type UntypedData } from "@concert/system/testing";

/** The four callers the peacekeeping tests compare, plus anonymous (no token). */
export interface Personas {
  un: string;
  bgd: string;
  usa: string;
  gcr2p: string;
  anonymous: undefined;
}

export async function personas(system: TestSystem): Promise<Personas> {
  return {
    un: await system.token("UN", "planner"),
    bgd: await system.token("BGD", "planner"),
    usa: await system.token("USA", "viewer"),
    gcr2p: await system.token("GCR2P", "analyst"),
    anonymous: undefined,
  };
}

/** Runs a query that must succeed and returns its data. */
export async function data<T = UntypedData>(
  system: TestSystem,
  query: string,
  token?: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const res = await system.query<T>(query, { token, variables });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

export interface PeacekeepingTest {
  system: TestSystem;
  who: Personas;
}

/** Starts the whole system for this test file (and stops it after); fields are set once `beforeAll` ran. */
export function systemForThisFile(): PeacekeepingTest {
  const t = {} as PeacekeepingTest;
  beforeAll(async () => {
    t.system = await startTestSystem();
    t.who = await personas(t.system);
  });
  afterAll(async () => {
    await t.system?.stop();
  });
  return t;
}
