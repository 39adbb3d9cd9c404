import { tokenCommand } from "@concert/auth";
import { SEEDED_PARTNERS } from "@concert/engagements";

/** `npm run token`: a development token for a partner of the seeded registry (see `--help`). */
tokenCommand(
  process.argv.slice(2),
  SEEDED_PARTNERS.map((p) => p.code),
).then((code) => process.exit(code));
