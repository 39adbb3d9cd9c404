import { resolve } from "node:path";

/** Where local state lives (embedded database, development keys): `CONCERT_DATA_DIR`, or `.data/` in the working directory. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CONCERT_DATA_DIR ?? ".data");
}
