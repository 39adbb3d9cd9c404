import { existsSync } from "node:fs";
import { useTestSystem } from "@concert/system/testing";
import { runIde } from "../support/ide-browser";

const system = useTestSystem();
let ideUrl: string;

beforeAll(() => {
  ideUrl = new URL("/graphql", system.gatewayUrl).href;
});

// Who wrote the assessments of a country: a caller sees only what the policy lets its partner read.
const QUERY = `query AssessmentAuthors { country(code: "CAF") { name riskAssessments { author { code } } } }`;

describe("the IDE served by the real gateway", () => {
  it("gives browsers the page with its own Content-Security-Policy, and JSON clients GraphQL", async () => {
    const page = await fetch(ideUrl, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    // The front's security headers must leave the page's own policy alone: a stricter one breaks GraphiQL.
    expect(page.headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const html = await page.text();
    expect(html).toContain("CountryAtAGlance");
    const json = await system.query("query Partners { partners { code } }", { url: ideUrl });
    expect(json.errors).toBeUndefined();
  });

  it("runs a query with a pasted token in Chromium, asking no other host for anything", async () => {
    const token = await system.token("USA", "analyst");
    const expected = await system.query(QUERY, { token });
    expect(expected.errors).toBeUndefined();
    const run = await runIde({
      url: ideUrl,
      token,
      query: QUERY,
      expect: `"name": "${expected.data.country.name}"`,
      screenshot: "ide-gateway.png",
    });
    expect(run.outside).toEqual([]);
    expect(run.note).toContain("npm run token");
    // What the page shows is what the gateway answers that token.
    for (const code of new Set(expected.data.country.riskAssessments.map((a: { author: { code: string } }) => a.author.code))) {
      expect(run.result).toContain(`"code": "${code}"`);
    }
    expect(existsSync(run.screenshot)).toBe(true);
  }, 120_000);
});
