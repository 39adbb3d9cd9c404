import { parseArgs } from "node:util";
import { dataDir } from "../data-dir.js";
import { signDevToken } from "../dev-issuer.js";

const USAGE = "usage: npm run token -- --partner <CODE> --role <ROLE> [--role <ROLE>...] [--ttl <duration, e.g. 8h>] [--sub <id>]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      partner: { type: "string" },
      role: { type: "string", multiple: true },
      ttl: { type: "string", default: "8h" },
      sub: { type: "string" },
    },
  });
  if (!values.partner || !values.role?.length) throw new Error(USAGE);
  if (!/^\d+\s*(s|m|h|d|w)$/.test(values.ttl!)) throw new Error(`--ttl must look like 30m, 8h or 2d\n${USAGE}`);
  const roles = values.role
    .flatMap((r) => r.split(","))
    .map((r) => r.trim())
    .filter(Boolean);
  const partner = values.partner.toUpperCase();
  const token = await signDevToken(dataDir(), {
    partner,
    roles,
    subject: values.sub ?? `dev:${partner.toLowerCase()}:${roles.join("+")}`,
    ttl: values.ttl!,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
