import { useTestSystem } from "@concert/system/testing";

/** Without ALERTS_ALLOW_PRIVATE_ADDRESSES (the test setting), a rule's URL may not point at this machine or a private network. */

let token: string;

const system = useTestSystem([], { alerts: { urlRules: { httpsOnly: false, allowPrivateAddresses: false } } });
beforeAll(async () => {
  token = await system.token("CAN", "analyst");
});

const CREATE = `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { rule { id } } }`;
const input = (url: string) => ({ name: "[TEST] private", url, condition: { kind: "PRACTICE_THEME", theme: "TRAINING" } });

it.each([
  "http://localhost:8080/hook", // fixed-port: refused before any connection
  "http://127.0.0.1/hook",
  "http://[::1]/hook",
  "http://192.168.1.10/hook",
  "http://169.254.169.254/latest",
])("refuses %s with BAD_USER_INPUT on url", async (url) => {
  const response = await system.query(CREATE, { token, variables: { input: input(url) } });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  expect(response.errors?.[0]?.message).toMatch(/private or local address/);
});

it("refuses what is not an http(s) URL", async () => {
  const response = await system.query(CREATE, { token, variables: { input: input("file:///etc/passwd") } });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
});

it("created no rule from any of them", async () => {
  const rules = await system.query<{ alertRules: { nodes: { id: string }[] } }>(`{ alertRules { nodes { id } } }`, { token });
  expect(rules.data!.alertRules.nodes).toEqual([]);
});
