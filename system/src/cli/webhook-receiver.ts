import { parseArgs } from "node:util";
import { type ReceivedDelivery, startDevReceiver } from "@concert/webhooks";

const HELP = `npm run webhook-receiver -- --secret whsec_… [--secret whsec_…] [--port 8787]

Receives Concert's alert deliveries on 127.0.0.1 (any path), checks each signature (Standard Webhooks) against
the secrets given (each rule's, as createAlertRule answered it; or CONCERT_WEBHOOK_SECRET) and prints each
delivery. It answers 204 to a verified message and 401 otherwise. For development: Concert delivers to a loopback
address only when started with ALERTS_ALLOW_PRIVATE_ADDRESSES=1 (see docs/integrators.md).`;

function line(delivery: ReceivedDelivery): string {
  const at = new Date().toISOString();
  if (!delivery.verified) return `${at} REFUSED ${delivery.id || "(no webhook-id)"}: ${delivery.refusal}`;
  const { type, ...rest } = delivery.message as { type?: string };
  return `${at} ${delivery.repeated ? "again   " : "verified"} ${delivery.id} ${type ?? "(no type)"} ${JSON.stringify(rest)}`;
}

async function main(): Promise<number> {
  let values: { secret?: string[]; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { secret: { type: "string", multiple: true }, port: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const secrets = values.secret ?? (process.env.CONCERT_WEBHOOK_SECRET ? [process.env.CONCERT_WEBHOOK_SECRET] : []);
  const port = Number(values.port ?? 8787);
  if (secrets.length === 0 || !Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${secrets.length === 0 ? "Give the rule's secret." : `--port ${values.port} is not a port.`}\n\n${HELP}`);
    return 2;
  }
  try {
    const receiver = await startDevReceiver({ secrets, port, report: (d) => console.log(line(d)) });
    console.log(`Receiving webhooks at ${receiver.url}/ (a rule's url: ${receiver.url}/concert); Ctrl-C stops.`);
    process.once("SIGINT", () => void receiver.close().then(() => process.exit(0)));
    process.once("SIGTERM", () => void receiver.close().then(() => process.exit(0)));
    return -1;
  } catch (err) {
    console.error(`The receiver did not start: ${(err as Error).message}`);
    return 1;
  }
}

main().then((code) => {
  if (code >= 0) process.exit(code);
});
