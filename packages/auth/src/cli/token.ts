import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROLES } from "@concert/policy";
import { signDevToken } from "../dev-issuer.js";

const USAGE = `usage: npm run token -- --partner <CODE> --role <ROLE> [--role <ROLE>...] [--ttl <duration, e.g. 8h>] [--sub <id>]

Signs a token with the development issuer, which only a system in development mode trusts.
  --partner  the caller's partner, a code of the development registry
  --role     one of ${ROLES.join(", ")}; repeat it, or separate roles with commas
  --ttl      how long the token lives: 30m, 8h, 2d (default 8h)
  --sub      the token's subject (default dev:<partner>:<roles>)
  --help     prints this text`;

class UsageError extends Error {}

/**
 * `npm run token`: prints a development token for one of `partners` (the development registry's
 * codes) on stdout; answers 0, or 2 with a message on stderr.
 */
export async function tokenCommand(args: string[], partners: readonly string[], dataDir: string): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      options: {
        partner: { type: "string" },
        role: { type: "string", multiple: true },
        ttl: { type: "string", default: "8h" },
        sub: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!values.partner || !values.role?.length) throw new UsageError(USAGE);
    if (!/^\d+\s*(s|m|h|d|w)$/.test(values.ttl!)) throw new UsageError(`--ttl must look like 30m, 8h or 2d\n${USAGE}`);
    const roles = values.role
      .flatMap((r) => r.split(","))
      .map((r) => r.trim())
      .filter(Boolean);
    const unknownRoles = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknownRoles.length) throw new UsageError(`unknown role ${unknownRoles.join(", ")}; the roles are: ${ROLES.join(", ")}`);
    const partner = values.partner.toUpperCase();
    if (!partners.includes(partner))
      throw new UsageError(`unknown partner ${partner}; the development registry holds: ${partners.join(", ")}`);
    const keyFile = join(dataDir, "dev-issuer", "signing-key.json");
    if (!existsSync(keyFile)) {
      // Said on stderr, so that `TOKEN=$(npm run --silent token …)` still gets only the token.
      process.stderr.write(
        `No development signing key in ${keyFile}: made a new one. \`npm start\` accepts its tokens only when it runs ` +
          `on the same data dir (CONCERT_DATA_DIR=${dataDir}); set CONCERT_DATA_DIR here to the one npm start uses.\n`,
      );
    }
    const token = await signDevToken(dataDir, {
      partner,
      roles,
      subject: values.sub ?? `dev:${partner.toLowerCase()}:${roles.join("+")}`,
      ttl: values.ttl!,
    });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (err) {
    // parseArgs refuses unknown options with a TypeError of its own
    const message = err instanceof UsageError ? err.message : `${(err as Error).message}\n${USAGE}`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
}
