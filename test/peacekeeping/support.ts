import { type TestSystem, useTestSystem } from "@concert/system/testing";

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

export interface PeacekeepingTest {
  system: TestSystem;
  who: Personas;
}

/** The file's system (`useTestSystem`) and its callers' tokens; `who` is set once `beforeAll` ran. */
export function systemForThisFile(): PeacekeepingTest {
  const t = { system: useTestSystem() } as PeacekeepingTest;
  beforeAll(async () => {
    t.who = await personas(t.system);
  });
  return t;
}
