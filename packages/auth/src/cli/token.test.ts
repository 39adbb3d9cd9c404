import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureDevIssuer } from "../dev-issuer.js";
import { createTokenVerifier } from "../verifier.js";

// The command lives in system, which knows the seeded registry.
const CLI = resolve(__dirname, "../../../../system/dist/cli/token.js");
const dataDir = mkdtempSync(join(tmpdir(), "concert-token-"));
const env = { ...process.env, CONCERT_DATA_DIR: dataDir };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm run token", () => {
  it("prints only a token, which the development issuer's key set verifies", async () => {
    const out = execFileSync(
      process.execPath,
      [CLI, "--partner", "usa", "--role", "analyst", "--role", "viewer", "--sub", "jane@state.example"],
      { env },
    ).toString();
    expect(out.trim().split("\n")).toHaveLength(1);
    const verify = createTokenVerifier([await ensureDevIssuer(dataDir)]);
    const identity = await verify(out.trim());
    expect(identity).toMatchObject({ partner: "USA", roles: ["analyst", "viewer"], subject: "jane@state.example" });
  });

  it("reuses the key it created on first use", async () => {
    const first = execFileSync(process.execPath, [CLI, "--partner", "EU", "--role", "viewer"], { env }).toString().trim();
    execFileSync(process.execPath, [CLI, "--partner", "UN", "--role", "planner"], { env });
    // a key replaced by the second run would no longer verify the first token
    const verify = createTokenVerifier([await ensureDevIssuer(dataDir)]);
    await expect(verify(first)).resolves.toMatchObject({ partner: "EU" });
  });

  it.each([[["--role", "analyst"]], [["--partner", "USA"]], [["--partner", "USA", "--role", "analyst", "--ttl", "forever"]]])(
    "refuses %j with a usage message and exit code 2, printing no token",
    (args) => {
      const run = spawnSync(process.execPath, [CLI, ...args], { env });
      expect(run.status).toBe(2);
      expect(run.stdout.toString()).toBe("");
      expect(run.stderr.toString()).toMatch(/usage: npm run token/);
    },
  );

  it("prints its usage for --help, exit code 0", () => {
    const run = spawnSync(process.execPath, [CLI, "--help"], { env });
    expect(run.status).toBe(0);
    expect(run.stdout.toString()).toMatch(/usage: npm run token/);
    expect(run.stdout.toString()).toMatch(/--partner/);
  });

  it.each([
    [["--partner", "XYZ", "--role", "analyst"], /unknown partner XYZ; the development registry holds: .*USA.*GCR2P/],
    [["--partner", "USA", "--role", "superuser"], /unknown role superuser; the roles are: viewer, analyst, planner, coordinator, admin/],
    [["--partner", "USA", "--role", "analyst", "--bogus"], /Unknown option '--bogus'/],
  ])("refuses %j naming what is valid, printing no token", (args, message) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { env });
    expect(run.status).toBe(2);
    expect(run.stdout.toString()).toBe("");
    expect(run.stderr.toString()).toMatch(message);
  });
});

describe("npm run token on a data dir without a key", () => {
  it("says where it looked on stderr, and the token npm start on another data dir refuses names the cause", async () => {
    const other = mkdtempSync(join(tmpdir(), "concert-token-other-"));
    try {
      const first = spawnSync(process.execPath, [CLI, "--partner", "USA", "--role", "analyst"], {
        env: { ...env, CONCERT_DATA_DIR: other },
      });
      expect(first.status).toBe(0);
      expect(first.stderr.toString()).toContain(`No development signing key in ${join(other, "dev-issuer", "signing-key.json")}`);
      const again = spawnSync(process.execPath, [CLI, "--partner", "USA", "--role", "analyst"], {
        env: { ...env, CONCERT_DATA_DIR: other },
      });
      expect(again.stderr.toString()).toBe("");
      // `npm start` on `dataDir` trusts its own development key only
      const verify = createTokenVerifier([await ensureDevIssuer(dataDir)]);
      await expect(verify(first.stdout.toString().trim())).rejects.toThrow(/ERR_JWKS_NO_MATCHING_KEY.*npm run token.*CONCERT_DATA_DIR/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
