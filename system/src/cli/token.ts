import { tokenCommand } from "@concert/auth";
import { SEEDED_PARTNERS } from "@concert/engagements";
import { dataDirOf } from "../config/index.js";

/** `npm run token`: a development token for a partner of the seeded registry (see `--help`). */
tokenCommand(
  process.argv.slice(2),
  SEEDED_PARTNERS.map((p) => p.code),
  dataDirOf(process.env),
).then((code) => process.exit(code));
