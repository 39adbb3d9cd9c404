import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { freePort } from "@concert/db";
import { useTestSystem } from "@concert/system/testing";
import { DeliveryFailed, newWebhookSecret, sendWebhook } from "@concert/webhooks";
import { assessmentChange } from "./receiver";

/**
 * `npm run webhook-receiver` (docs/integrators.md, "Trying alerts on your machine"): the compiled CLI as a user runs
 * it, receiving a real delivery of the alerts worker for a rule made as the docs make it, and refusing a message
 * signed with another secret.
 */

const CLI = resolve(__dirname, "../../system/dist/cli/webhook-receiver.js");
const system = useTestSystem([], { alerts: {} });
let receiver: ChildProcess | undefined;
let output = "";

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - started > ms) throw new Error(`no ${what} within ${ms} ms; the receiver printed:\n${output}`);
  }
}

afterAll(async () => {
  if (receiver && receiver.exitCode === null) {
    const exited = new Promise((r) => receiver!.once("exit", r));
    receiver.kill("SIGINT");
    await exited;
  }
});

it("prints a verified delivery of a rule's alert, and refuses a message signed with another secret", async () => {
  const port = await freePort();
  const token = await system.token("USA", "analyst");
  const created = await system.query<{ createAlertRule: { secret: string; rule: { id: string } } }>(
    `mutation($url: String!) {
      createAlertRule(input: { name: "Sudan goes HIGH", url: $url, condition: { kind: ASSESSMENT_LEVEL, countries: ["SDN", "SSD"], level: HIGH } }) {
        rule { id } secret
      }
    }`,
    { token, variables: { url: `http://127.0.0.1:${port}/concert` } },
  );
  expect(created.errors).toBeUndefined();
  const { secret, rule } = created.data!.createAlertRule;

  receiver = spawn(process.execPath, [CLI, "--secret", secret, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  receiver.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  receiver.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await until(() => output.includes(`Receiving webhooks at http://127.0.0.1:${port}/`), "start line");

  const assessment = randomUUID();
  const made = await system.alertsWorker!.ingest([
    assessmentChange(assessment, "CREATED", { likelihood: "MODERATE", marking: "PARTNERS", country: "SDN", originator: "DEU" }),
    assessmentChange(assessment, "UPDATED", { likelihood: "VERY_HIGH", marking: "PARTNERS", country: "SDN", originator: "DEU" }),
  ]);
  expect(made).toHaveLength(1);
  await until(() => / verified \S+ assessment\.level_crossed /.test(output), "verified delivery");
  const printed = output.split("\n").find((l) => l.includes("assessment.level_crossed"))!;
  expect(printed).toContain(`"id":"${rule.id}"`);
  expect(printed).toContain(`"id":"${assessment}"`);
  expect(printed).toContain(`"direction":"UP"`);
  const deliveries = await system.query<{ alertDeliveries: { nodes: { status: string }[] } }>(
    `query($rule: ID) { alertDeliveries(rule: $rule) { nodes { status } } }`,
    { token, variables: { rule: rule.id } },
  );
  expect(deliveries.data!.alertDeliveries.nodes).toEqual([{ status: "DELIVERED" }]);

  // A message signed with another secret gets 401 (the sender sees a failed delivery) and a REFUSED line.
  const forged = sendWebhook({
    url: `http://127.0.0.1:${port}/concert`,
    id: "msg_forged",
    body: JSON.stringify({ type: "assessment.level_crossed", data: {} }),
    secret: newWebhookSecret(),
    timeoutMs: 5_000,
    rules: { httpsOnly: false, allowPrivateAddresses: true },
  });
  await expect(forged).rejects.toThrow(new DeliveryFailed("receiver answered HTTP 401"));
  await until(() => /REFUSED msg_forged: signature not verified/.test(output), "refusal line");
}, 120_000);

it("refuses to start without a secret, saying what it needs", async () => {
  const run = spawn(process.execPath, [CLI, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH } });
  let said = "";
  run.stderr!.on("data", (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise<number | null>((r) => run.once("exit", r));
  expect(code).toBe(2);
  expect(said).toContain("Give the rule's secret.");
});
