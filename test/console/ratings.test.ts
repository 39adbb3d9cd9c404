import AxeBuilder from "@axe-core/playwright";
import { type UntypedData, useTestSystem } from "@concert/system/testing";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../support/ide-browser";

/**
 * The console's ratings editor (issue 24, Write page) in Chromium against the real gateway and subgraphs: an assessment
 * drafted with two factor ratings, one with a finding, published, then revised with a changed rating; the API then
 * returns exactly those ratings and findings. The API's errors inside `input.factorRatings[N]` appear next to their field.
 */

const system = useTestSystem([], { console: { devSignIn: true } });
let browser: Browser;
let origin: string;

beforeAll(async () => {
  ensureChromium();
  origin = new URL(system.gatewayUrl).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const SUMMARY = `Ratings editor ${Date.now()}`;
const RATINGS = `query {
  riskAssessments(author: "USA", country: "MLI", first: 20) {
    nodes {
      id version status summary
      factorRatings {
        factor { number } level rationale
        findings { evidence source observedOn reliability sourceReliability informationCredibility indicator { code } }
      }
    }
  }
}`;

/** The USA's assessments of Mali that this test wrote, as the API returns them to the USA's analyst. */
async function written(): Promise<UntypedData[]> {
  const token = await system.token("USA", "analyst");
  const response = await system.query<UntypedData>(RATINGS, { token });
  expect(response.errors).toBeUndefined();
  return (response.data.riskAssessments.nodes as UntypedData[]).filter((a) => a.summary === SUMMARY);
}

/** The error shown next to a control, checked to be the one tied to it by aria-describedby. */
async function errorNextTo(control: Locator): Promise<string> {
  const described = await control.getAttribute("aria-describedby");
  expect(described).toBeTruthy();
  expect(await control.getAttribute("aria-invalid")).toBe("true");
  return (await control.page().locator(`[id="${described}"]`).textContent()) ?? "";
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe("the Write page's factor ratings and findings", () => {
  it("drafts two ratings (one with a finding), publishes, revises a rating, and the API returns exactly those", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${origin}/console/sign-in`);
      await page.locator('[data-persona="usa-analyst"]').click();
      await page.waitForURL(/\/console\/map/);
      await page.goto(`${origin}/console/write`);
      const form = page.getByTestId("assessment-form");
      await form.waitFor();
      await form.getByLabel("Country (ISO alpha-3)").fill("MLI");
      await form.getByLabel("Period start").fill("2026-07-01");
      await form.getByLabel("Period end").fill("2026-09-30");
      await form.getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
      await form.getByLabel("Summary").fill(SUMMARY);

      const editor = form.getByTestId("draft-ratings");
      await editor.getByRole("button", { name: "Add a factor rating" }).click();
      await editor.getByRole("button", { name: "Add a factor rating" }).click();
      const first = editor.locator('[data-rating="1"]');
      const second = editor.locator('[data-rating="2"]');
      // The factors carry the Framework's names (from the API's riskFactors).
      await first.getByLabel("Risk factor").selectOption("7");
      expect(await first.getByLabel("Risk factor").locator("option:checked").textContent()).toMatch(/^7\. \S/);
      await first.getByLabel("Rating", { exact: true }).selectOption("HIGH");
      await first.getByLabel("Why this rating").fill("Armed groups recruit openly");
      await first.getByRole("button", { name: "Add a finding to rating 1" }).click();
      const finding = first.locator('[data-finding="1"]');
      await finding.getByLabel("Evidence").fill("Recruitment posters in Gao");
      await finding.getByLabel("Source", { exact: true }).fill("Field report 12");
      // A day in the future: the API refuses it, at input.factorRatings[0].findings[0].observedOn.
      await finding.getByLabel("Observed on").fill(day(400));
      await finding.getByLabel("Reliability", { exact: true }).selectOption("CONFIRMED");
      await finding.getByLabel("Source reliability (Admiralty A–F)").selectOption("B");
      await finding.getByLabel("Information credibility (Admiralty 1–6)").selectOption("PROBABLY_TRUE");
      await finding.getByLabel("Indicator (optional, e.g. 7.5)").fill("7.5");
      await second.getByLabel("Risk factor").selectOption("9");
      await second.getByLabel("Rating", { exact: true }).selectOption("LOW");
      // Rating 2's rationale is left empty: the API names it once the date is right.

      await form.getByRole("button", { name: "Save draft" }).click();
      const observedOn = finding.getByLabel("Observed on");
      await finding.locator("[data-field-error]").waitFor();
      expect(await errorNextTo(observedOn)).toMatch(/future|today/i);
      expect(await first.getByLabel("Why this rating").getAttribute("aria-invalid")).toBe("false");
      expect(await seriousViolations(page)).toEqual([]);

      await observedOn.fill(day(-3));
      await form.getByRole("button", { name: "Save draft" }).click();
      await second.locator("[data-field-error]").waitFor();
      expect(await finding.locator("[data-field-error]").count()).toBe(0);
      expect(await errorNextTo(second.getByLabel("Why this rating"))).toMatch(/empty/i);

      await second.getByLabel("Why this rating").fill("Some hate speech online");
      await form.getByRole("button", { name: "Save draft" }).click();
      await page.getByText(/Draft saved/).waitFor();
      await page.getByTestId("publish").click();
      await page.getByText("Published.").waitFor();

      const finding1 = {
        evidence: "Recruitment posters in Gao",
        source: "Field report 12",
        observedOn: day(-3),
        reliability: "CONFIRMED",
        sourceReliability: "B",
        informationCredibility: "PROBABLY_TRUE",
        indicator: { code: "7.5" },
      };
      const [published] = await written();
      expect(published.status).toBe("PUBLISHED");
      expect(published.factorRatings).toEqual([
        { factor: { number: 7 }, level: "HIGH", rationale: "Armed groups recruit openly", findings: [finding1] },
        { factor: { number: 9 }, level: "LOW", rationale: "Some hate speech online", findings: [] },
      ]);

      // Revise it: the form starts from its current ratings and findings; rating 2 changes, the rest is sent as it was.
      await page.reload();
      const revise = page.getByTestId("revise-form");
      await revise.waitFor();
      await revise.getByLabel("Assessment to revise").selectOption(published.id);
      const ratings = revise.getByTestId("revise-ratings");
      await ratings.locator('[data-rating="2"]').waitFor();
      expect(await ratings.locator("[data-rating]").count()).toBe(2);
      expect(await ratings.locator('[data-rating="1"]').getByLabel("Risk factor").inputValue()).toBe("7");
      const kept = ratings.locator('[data-rating="1"] [data-finding="1"]');
      expect(await kept.getByLabel("Evidence").inputValue()).toBe("Recruitment posters in Gao");
      expect(await kept.getByLabel("Observed on").inputValue()).toBe(day(-3));
      expect(await kept.getByLabel("Source reliability (Admiralty A–F)").inputValue()).toBe("B");
      const changed = ratings.locator('[data-rating="2"]');
      await changed.getByLabel("Rating", { exact: true }).selectOption("SEVERE");
      await changed.getByLabel("Why this rating").fill("Hate speech on national radio");
      await revise.getByRole("button", { name: "Save revision" }).click();
      await page.getByText(/Revision saved/).waitFor();

      // The revision is a new record; the published one it replaces is kept, SUPERSEDED, with its ratings as they were.
      const all = await written();
      expect(all.find((a) => a.id === published.id)).toMatchObject({ status: "SUPERSEDED", factorRatings: published.factorRatings });
      const latest = all.filter((a) => a.status === "PUBLISHED");
      expect(latest).toHaveLength(1);
      expect(latest[0].id).not.toBe(published.id);
      expect(latest[0].factorRatings).toEqual([
        { factor: { number: 7 }, level: "HIGH", rationale: "Armed groups recruit openly", findings: [finding1] },
        { factor: { number: 9 }, level: "SEVERE", rationale: "Hate speech on national radio", findings: [] },
      ]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
