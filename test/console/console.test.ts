import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { freePort } from "@concert/db";
import { type UntypedData, usePreparedTestSystem, useTestSystem } from "@concert/system/testing";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../support/ide-browser";

/**
 * The console (issue 24) in Chromium against the real gateway and subgraphs: one system and one browser for the file.
 * Every figure a page shows is compared with what the API answers the same persona's Bearer token.
 */

interface Persona {
  id: string;
  partner: string;
  roles: string[];
}

const PERSONAS: Persona[] = [
  { id: "usa-analyst", partner: "USA", roles: ["analyst"] },
  { id: "eu-viewer", partner: "EU", roles: ["viewer"] },
  { id: "un-planner", partner: "UN", roles: ["planner"] },
  { id: "can-slf", partner: "CAN", roles: ["analyst"] },
  { id: "gcr2p-analyst", partner: "GCR2P", roles: ["analyst"] },
];
const ANONYMOUS: Persona = { id: "anonymous", partner: "", roles: [] };
const SCREENSHOTS = join(__dirname, "..", "..", "docs", "console");

const system = useTestSystem([], { console: { devSignIn: true } });
let browser: Browser;
let origin: string;
/** Every request any page tried to send to another origin (all were blocked). */
const outside: string[] = [];
/** axe's serious and critical violations, by page. */
const violations: { page: string; id: string; impact: string; targets: string[] }[] = [];

beforeAll(async () => {
  ensureChromium();
  origin = new URL(system.gatewayUrl).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function api(persona: Persona, query: string, variables?: Record<string, unknown>): Promise<UntypedData> {
  const token = persona.partner ? await system.token(persona.partner, ...persona.roles) : undefined;
  return system.ok(query, token, variables);
}

interface Tab {
  context: BrowserContext;
  page: Page;
  /** Bodies of every response the page received from the origin, in order. */
  bodies: string[];
}

/** A fresh browser context whose requests to any other origin are blocked and recorded. */
async function openTab(): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.origin === origin || target.protocol === "data:") return route.continue();
    outside.push(target.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      // redirects and aborted responses have no body
    }
  });
  return { context, page, bodies };
}

async function signIn(page: Page, persona: Persona): Promise<void> {
  await page.goto(`${origin}/console/sign-in`);
  await page.locator(`[data-persona="${persona.id}"]`).click();
  await page.waitForURL(/\/console\/map/);
  if (persona.partner) await page.getByTestId("signed-in-as").waitFor();
}

/** Pages axe has checked: each page once (axe takes seconds on the map), by the first persona that opens it. */
const checked = new Set<string>();

/** Waits for a page's panels to finish loading, checks it with axe, and keeps a screenshot when asked to. */
async function settle(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.locator(".loading").first().waitFor({ state: "detached" });
  const route = name.split("-")[0];
  const first = !checked.has(route);
  checked.add(route);
  if (first) await check(page, name);
  if (process.env.CONCERT_CONSOLE_SCREENSHOTS && !name.includes("-")) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}

async function check(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      violations.push({ page: name, id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) });
    }
  }
}

/** Polls `read` until it returns `wanted` (or the time is up), and returns what it read last. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

const WATCHLIST = `query { sharedWatchlist { country { code } highestLikelihood } countries { code m49 } }`;
const RATINGS = `query ($code: ID!) { country(code: $code) { latestRiskAssessments { author { code } factorRatings { level factor { number } } } } }`;
const GAPS = `query ($m: ID!) { mission(acronym: $m) { gaps { capabilityType { code } gap pledgedSuppressed } } }`;
const FORECASTS = `query ($code: ID!) { forecastQuestions(country: $code, first: 20) { nodes { id crowd { probability } } } forecastRecords { partner { code } questions meanBrier } }`;
const ROTATIONS = `query ($m: ID!) { upcomingRotations(mission: $m, within: 90, first: 50) { nodes { rotationUncovered } } }`;
const SHARES = `query ($m: ID!) { pledges(mission: $m, first: 100) { nodes { contributor { code womenShare { category deployedPersonnel deployedShare } } } } }`;
/** As the console prints a share: 0.1234 -> "12.3%". */
const percent = (p: number | null) => (p === null ? "—" : `${Math.round(p * 1000) / 10}%`);
const SEARCH = `query ($q: String!) { searchPractices(query: $q, first: 25) { nodes { node { id } } } }`;

describe("each persona's walk through the console", () => {
  for (const persona of [...PERSONAS, ANONYMOUS]) {
    it(`shows ${persona.id} the figures the API gives its token`, async () => {
      const { context, page } = await openTab();
      try {
        if (persona === PERSONAS[0]) {
          await page.goto(`${origin}/console/sign-in`);
          await page.locator("[data-persona]").first().waitFor();
          await settle(page, "signin");
        }
        await signIn(page, persona);

        // The map: every country on the shared watchlist, coloured by its highest latest likelihood.
        await page.goto(`${origin}/console/map`);
        await page.getByTestId("map").waitFor();
        await settle(page, persona === PERSONAS[0] ? "map" : `map-${persona.id}`);
        const expected = await api(persona, WATCHLIST);
        const drawn = await page
          .locator("[data-country]")
          .evaluateAll((els) => els.map((e) => [e.getAttribute("data-country"), e.getAttribute("data-likelihood")]));
        const shapeless = (await page.getByTestId("shapeless-countries").textContent()) ?? "";
        const wanted = (expected.sharedWatchlist as { country: { code: string }; highestLikelihood: string | null }[])
          .filter((e) => !shapeless.includes(`(${e.country.code})`))
          .map((e) => `${e.country.code}:${e.highestLikelihood ?? ""}`);
        expect(drawn.map(([code, likelihood]) => `${code}:${likelihood}`).sort()).toEqual(wanted.sort());
        expect(await page.locator("#watchlist-table tbody tr").count()).toBe(expected.sharedWatchlist.length);

        // A country: each partner's rating of each factor, as the heat strip shows it.
        await page.goto(`${origin}/console/countries/CAF`);
        await page.getByRole("heading", { name: "Central African Republic", exact: true }).waitFor();
        await settle(page, persona === PERSONAS[0] ? "country" : `country-${persona.id}`);
        const ratings = await api(persona, RATINGS, { code: "CAF" });
        const wantedRatings = (ratings.country.latestRiskAssessments as UntypedData[]).flatMap((a) =>
          (a.factorRatings as UntypedData[]).map((r) => `${a.author.code}:${r.factor.number}:${r.level}`),
        );
        const shownRatings = await page
          .locator("td[data-level]:not([data-level=''])")
          .evaluateAll((els) =>
            els.map((e) => `${e.getAttribute("data-author")}:${e.getAttribute("data-factor")}:${e.getAttribute("data-level")}`),
          );
        expect(shownRatings.sort()).toEqual(wantedRatings.sort());

        // CAF's forecast questions: the crowd's latest median, and each partner's mean Brier score over what it may read.
        const forecasts = await api(persona, FORECASTS, { code: "CAF" });
        const questions = forecasts.forecastQuestions.nodes as UntypedData[];
        const shownCrowd = await page
          .locator("[data-crowd]")
          .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-crowd")}:${e.textContent}`));
        expect(shownCrowd.sort()).toEqual(
          questions.map((q) => `${q.id}:${percent(q.crowd.length ? q.crowd[q.crowd.length - 1].probability : null)}`).sort(),
        );
        const records = ((forecasts.forecastRecords ?? []) as UntypedData[]).filter((r) => r.questions > 0);
        const shownBrier = await page
          .locator("[data-brier]")
          .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-brier")}:${e.textContent}`));
        expect(shownBrier.sort()).toEqual(records.map((r) => `${r.partner.code}:${r.meanBrier?.toFixed(4) ?? "—"}`).sort());
        if (persona.partner === "USA") {
          expect(questions.length).toBeGreaterThan(0);
          expect(records.length).toBeGreaterThan(0);
        }

        // MINUSCA's gaps.
        await page.goto(`${origin}/console/missions/MINUSCA`);
        await page.locator("#gaps").waitFor();
        await settle(page, persona === PERSONAS[2] ? "mission" : `mission-${persona.id}`);
        const gaps = (await api(persona, GAPS, { m: "MINUSCA" })).mission.gaps as UntypedData[];
        const shownGaps = await page
          .locator("[data-gap]")
          .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-gap")}:${e.textContent}`));
        expect(shownGaps.sort()).toEqual(
          gaps
            .filter((g) => g.gap > 0)
            .map((g) => `${g.capabilityType.code}:${g.gap}${g.pledgedSuppressed ? " (suppressed)" : ""}`)
            .sort(),
        );
        // Rotations due within 90 days (uncovered ones counted) and each contributor's share of women deployed.
        const rotations = (await api(persona, ROTATIONS, { m: "MINUSCA" })).upcomingRotations.nodes as UntypedData[];
        expect(await page.getByTestId("uncovered").getAttribute("data-count")).toBe(
          String(rotations.filter((r) => r.rotationUncovered).length),
        );
        if (persona.partner === "UN") expect(rotations.some((r) => r.rotationUncovered)).toBe(true);
        const contributors = new Map<string, UntypedData>();
        for (const p of (await api(persona, SHARES, { m: "MINUSCA" })).pledges.nodes as UntypedData[]) {
          contributors.set(p.contributor.code, p.contributor);
        }
        const wantedShares = [...contributors.values()].flatMap((c) =>
          ((c.womenShare ?? []) as UntypedData[])
            .filter((s) => s.deployedPersonnel > 0)
            .map((s) => `${c.code}-${s.category}:${percent(s.deployedShare)}`),
        );
        await page.locator("#women-chart").press("t");
        const shownShares = await page
          .locator("[data-share]")
          .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-share")}:${e.textContent}`));
        expect(shownShares.sort()).toEqual(wantedShares.sort());
        if (persona.partner === "UN") expect(shownShares.length).toBeGreaterThan(0);

        // Practices: the search hits, with the words marked, and three partners side by side.
        await page.goto(`${origin}/console/practices?q=early%20warning&theme=EARLY_WARNING&partners=CAN,DEU,GBR`);
        await page.getByTestId("search-results").waitFor();
        await page.getByTestId("comparison").waitFor();
        await settle(page, persona === PERSONAS[3] ? "practices" : `practices-${persona.id}`);
        const hits = (await api(persona, SEARCH, { q: "early warning" })).searchPractices.nodes as UntypedData[];
        const shownHits = await page
          .locator("[data-testid=search-results] [data-practice]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-practice")));
        expect(shownHits).toEqual(hits.map((h) => h.node.id));
        if (hits.length > 0) expect(await page.locator("[data-testid=search-results] mark").count()).toBeGreaterThan(0);

        await page.goto(`${origin}/console/events/BERLIN_2025`);
        await page.locator("#events-table").waitFor();
        await page.locator("[data-testid=median]").waitFor();
        await settle(page, persona === PERSONAS[2] ? "events" : `events-${persona.id}`);

        if (persona.partner) {
          await page.goto(`${origin}/console/partner`);
          await page.getByRole("heading", { name: /My partner/ }).waitFor();
          await settle(page, persona === PERSONAS[0] ? "partner" : `partner-${persona.id}`);
          await page.goto(`${origin}/console/write`);
          await page.getByTestId("assessment-form").waitFor();
          await settle(page, persona === PERSONAS[0] ? "write" : `write-${persona.id}`);
        }
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it("draws every country Concert knows, as a shape, as a dot when too small, or lists it as without shape", async () => {
    const { context, page } = await openTab();
    try {
      await page.goto(`${origin}/console/map`);
      await page.getByTestId("map").waitFor();
      await page.locator(".loading").first().waitFor({ state: "detached" });
      const known = (await api(ANONYMOUS, "{ countries { code } }")).countries.map((c: { code: string }) => c.code) as string[];
      const shapes = new Set(await page.locator("[data-shape]").evaluateAll((els) => els.map((e) => e.getAttribute("data-shape"))));
      const dots = new Set(await page.locator("[data-dot]").evaluateAll((els) => els.map((e) => e.getAttribute("data-dot"))));
      const shapeless = (await page.getByTestId("shapeless-countries").textContent()) ?? "";
      const missing = known.filter((code) => !shapes.has(code) && !dots.has(code) && !shapeless.includes(`(${code})`));
      expect(missing).toEqual([]);
      expect(shapes.size).toBeGreaterThan(150);
      // Kosovo has no ISO numeric code and no shape with an id in Natural Earth's 1:110m countries.
      expect(shapeless).toContain("(UNK)");
      expect(await page.locator(".source").textContent()).toContain("do not imply official endorsement");
      // The language switch: interface text in French, data as stored.
      await page.getByTestId("language").selectOption("fr");
      await page.getByRole("heading", { level: 1, name: "Liste de veille partagée" }).waitFor();
      expect(await page.evaluate<string>("document.documentElement.lang")).toBe("fr");
      expect(await page.locator(".source").textContent()).toContain("n’impliquent ni reconnaissance");
    } finally {
      await context.close();
    }
  }, 60_000);

  it("finds no serious or critical accessibility violation on any page", () => {
    expect(violations).toEqual([]);
  });
});

describe("what a persona may not read never reaches its browser", () => {
  const canary = `CANARY-${randomUUID()}`;
  const usa = PERSONAS[0];
  let assessmentId: string;

  beforeAll(async () => {
    // A USA assessment that every partner may read, whose evidence only the USA may read: the canary is in the evidence.
    const created = await api(usa, `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, {
      input: {
        country: "CAF",
        periodStart: "2026-07-01",
        periodEnd: "2026-09-30",
        likelihood: "HIGH",
        confidence: "MEDIUM",
        stage: "MITIGATION",
        summary: "Quarterly review",
        marking: "PARTNERS",
        evidence: { marking: "ORIGINATOR", releasableTo: [] },
        factorRatings: [
          {
            factor: 7,
            level: "HIGH",
            rationale: "Militia recruitment",
            findings: [{ evidence: `${canary} informant report`, source: "field", observedOn: "2026-08-01", reliability: "PROBABLY_TRUE" }],
          },
        ],
      },
    });
    assessmentId = created.createRiskAssessment.id;
    await api(usa, `mutation ($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id } }`, {
      id: assessmentId,
      v: created.createRiskAssessment.version,
    });
  });

  /** Whether `persona`'s token reads the canary (the originators' ground truth). */
  async function reads(persona: Persona): Promise<boolean> {
    const token = persona.partner ? await system.token(persona.partner, ...persona.roles) : undefined;
    // Restricted evidence comes back null with a FORBIDDEN error naming the field: only the data counts here.
    const response = await system.query(`query ($id: ID!) { riskAssessment(id: $id) { factorRatings { findings { evidence } } } }`, {
      token,
      variables: { id: assessmentId },
    });
    return JSON.stringify(response.data).includes(canary);
  }

  async function storage(page: Page): Promise<string> {
    // A string, not a function: the tests' type-check knows no DOM.
    return page.evaluate<string>("JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })");
  }

  async function walk(page: Page) {
    for (const path of ["/console/map", "/console/countries/CAF", "/console/practices?q=informant"]) {
      await page.goto(`${origin}${path}`);
      await page.waitForLoadState("networkidle");
      await page.locator(".loading").first().waitFor({ state: "detached" });
    }
    await page.goto(`${origin}/console/countries/CAF`);
    await page.getByRole("heading", { name: "Central African Republic", exact: true }).waitFor();
    await page.locator(".loading").first().waitFor({ state: "detached" });
  }

  it("shows the originator its evidence, and every other persona 'restricted' in its place", async () => {
    expect(await reads(usa)).toBe(true);
    for (const persona of [...PERSONAS, ANONYMOUS]) {
      const may = await reads(persona);
      expect(may).toBe(persona === usa);
      const tab = await openTab();
      try {
        await signIn(tab.page, persona);
        await walk(tab.page);
        const html = await tab.page.content();
        if (may) {
          expect(html).toContain(canary);
        } else {
          expect(html).not.toContain(canary);
          expect(tab.bodies.filter((b) => b.includes(canary))).toEqual([]);
          expect(await storage(tab.page)).not.toContain(canary);
          if (persona.partner) expect(await tab.page.locator("em.restricted").count()).toBeGreaterThan(0);
        }
      } finally {
        await tab.context.close();
      }
    }
  }, 180_000);

  it("leaves nothing behind after sign-out, nor after switching persona in the same tab", async () => {
    const tab = await openTab();
    try {
      await signIn(tab.page, usa);
      await walk(tab.page);
      expect(await tab.page.content()).toContain(canary);

      await tab.page.getByRole("button", { name: "Sign out" }).click();
      await tab.page.waitForURL(/sign-in/);
      const seen = tab.bodies.length;
      await walk(tab.page);
      expect(await tab.page.content()).not.toContain(canary);
      expect(tab.bodies.slice(seen).filter((b) => b.includes(canary))).toEqual([]);
      expect(await storage(tab.page)).not.toContain(canary);

      await signIn(tab.page, usa);
      await walk(tab.page);
      expect(await tab.page.content()).toContain(canary);
      const before = tab.bodies.length;
      await signIn(tab.page, PERSONAS[1]);
      await walk(tab.page);
      expect(await tab.page.content()).not.toContain(canary);
      expect(tab.bodies.slice(before).filter((b) => b.includes(canary))).toEqual([]);
      expect(await storage(tab.page)).not.toContain(canary);
    } finally {
      await tab.context.close();
    }
  }, 120_000);
});

describe("writing through the console", () => {
  it("drafts an assessment, shows who will see it, publishes it, and another partner's map shows it", async () => {
    const usa = PERSONAS[0];
    const eu = PERSONAS[1];
    const tab = await openTab();
    try {
      await signIn(tab.page, usa);
      await tab.page.goto(`${origin}/console/write`);
      const form = tab.page.getByTestId("assessment-form");
      await form.waitFor();

      // A mistake comes back next to the field the API names.
      await form.getByRole("button", { name: "Save draft" }).click();
      await form.locator("[data-field-error]").first().waitFor();

      await form.getByLabel("Country (ISO alpha-3)").fill("ETH");
      await form.getByLabel("Period start").fill("2026-07-01");
      await form.getByLabel("Period end").fill("2026-09-30");
      await form.getByLabel("Likelihood", { exact: true }).selectOption("VERY_HIGH");
      await form.getByLabel("Summary").fill("Escalation in the north");
      await form.getByLabel("Marking").selectOption("PARTNERS");

      // Who will see this: the API's previewAudience, partner by partner.
      const audience = (await api(usa, `query { previewAudience(marking: PARTNERS) { partner { code } } }`))
        .previewAudience as UntypedData[];
      const audienceTable = form.locator("#audience-assessment-title").locator("..").locator("tbody tr");
      expect(
        await poll(
          () => audienceTable.count(),
          (n) => n === audience.length,
        ),
      ).toBe(audience.length);

      await form.getByRole("button", { name: "Save draft" }).click();
      await tab.page.getByText(/Draft saved/).waitFor();
      await tab.page.getByTestId("publish").click();
      await tab.page.getByText("Published.").waitFor();

      await signIn(tab.page, eu);
      await tab.page.goto(`${origin}/console/map`);
      await tab.page.locator("#watchlist-table").waitFor();
      const row = tab.page.locator("#watchlist-table tbody tr", { hasText: "Ethiopia" });
      expect(
        await poll(
          async () => (await row.textContent()) ?? "",
          (text) => text.includes("USA: very high"),
        ),
      ).toContain("USA: very high");
      const shown = await api(eu, `query { sharedWatchlist { country { code } latestAssessments { author { code } likelihood } } }`);
      const ethiopia = (shown.sharedWatchlist as UntypedData[]).find((e) => e.country.code === "ETH");
      expect(ethiopia.latestAssessments).toContainEqual({ author: { code: "USA" }, likelihood: "VERY_HIGH" });
    } finally {
      await tab.context.close();
    }
  }, 120_000);

  it("revises an assessment, and a version conflict says so and reloads the latest version", async () => {
    const usa = PERSONAS[0];
    const token = await system.token("USA", "analyst");
    const draft = await system.query<UntypedData>(
      `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`,
      {
        token,
        variables: {
          input: {
            country: "KEN",
            periodStart: "2026-10-01",
            periodEnd: "2026-12-31",
            likelihood: "LOW",
            confidence: "MEDIUM",
            stage: "PREVENTION",
            summary: "Calm before the vote",
            marking: "PARTNERS",
          },
        },
      },
    );
    expect(draft.errors).toBeUndefined();
    const { id, version } = draft.data.createRiskAssessment;
    const tab = await openTab();
    try {
      await signIn(tab.page, usa);
      await tab.page.goto(`${origin}/console/write`);
      const form = tab.page.getByTestId("revise-form");
      await form.waitFor();
      await form.getByLabel("Assessment to revise").selectOption(id);
      // Someone else revises it meanwhile: the page's version is stale.
      const other = await system.query<UntypedData>(
        `mutation ($id: ID!, $v: Int!) { reviseRiskAssessment(id: $id, expectedVersion: $v, input: { summary: "Revised elsewhere" }) { id } }`,
        { token, variables: { id, v: version } },
      );
      expect(other.errors).toBeUndefined();
      await tab.page.getByTestId("revise-form").getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
      await tab.page.getByTestId("revise-form").getByRole("button", { name: "Save revision" }).click();
      const conflict = tab.page.getByTestId("conflict");
      await conflict.waitFor();
      expect(await conflict.textContent()).toMatch(/changed this record since you opened it/);
      await conflict.getByRole("button", { name: "Reload the latest version" }).click();
      // The latest version is loaded (its summary is the other revision's), and revising it works.
      const latest = tab.page.getByTestId("revise-form");
      expect(
        await poll(
          () => latest.getByLabel("Summary").inputValue(),
          (v) => v === "Revised elsewhere",
        ),
      ).toBe("Revised elsewhere");
      await latest.getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
      await latest.getByRole("button", { name: "Save revision" }).click();
      await tab.page.getByText(/Revision saved/).waitFor();
      const mine = await api(
        usa,
        `query { riskAssessments(author: "USA", country: "KEN", status: DRAFT, first: 5) { nodes { likelihood summary } } }`,
      );
      expect(mine.riskAssessments.nodes).toEqual([{ likelihood: "HIGH", summary: "Revised elsewhere" }]);
    } finally {
      await tab.context.close();
    }
  }, 120_000);

  it("creates a pledge with its pledging event, renewal date and marking, after showing who will see it", async () => {
    // No demo persona is a government's planner: a session is opened for Bangladesh's, as a provider sign-in would.
    const token = await system.token("BGD", "planner");
    const session = await system.sessions!.create({
      subject: "test:bgd-planner",
      partner: "BGD",
      partnerName: "Bangladesh",
      roles: ["planner"],
      persona: null,
      token,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const tab = await openTab();
    try {
      await tab.context.addCookies([{ name: "concert-session", value: session, url: origin }]);
      await tab.page.goto(`${origin}/console/write`);
      const form = tab.page.getByTestId("pledge-form");
      await form.waitFor();
      await form.getByLabel("Mission").selectOption("MINUSCA");
      await form.getByLabel("Capability", { exact: true }).selectOption("EOD_UNIT");
      await form.getByLabel("Quantity").fill("1");
      await form.getByLabel("Pledging event").selectOption("BERLIN_2025");
      await form.getByLabel("Renewal due").fill("2027-11-23");
      await form.getByLabel("Marking").selectOption("RESTRICTED");
      const audience = (
        await system.query<UntypedData>(`query { previewAudience(marking: RESTRICTED, releasableTo: ["UN"]) { partner { code } } }`, {
          token,
        })
      ).data.previewAudience as UntypedData[];
      const rows = tab.page.locator("#audience-pledge-title").locator("..").locator("tbody tr");
      expect(
        await poll(
          () => rows.count(),
          (n) => n === audience.length,
        ),
      ).toBe(audience.length);
      await form.getByRole("button", { name: "Create pledge" }).click();
      // Bangladesh has pledged at Berlin before: the new pledge's row is the one with its renewal date.
      const row = tab.page.locator("#pledge-title").locator("..").locator("tbody tr", { hasText: "2027-11-23" });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/^MINUSCA.*BERLIN_20252027-11-23restrictedpledged/);
      const pledges = await system.query<UntypedData>(
        `query { pledges(contributor: "BGD", mission: "MINUSCA", first: 100) { nodes { capabilityType { code } event { code } renewalDue marking releasableTo } } }`,
        { token },
      );
      expect(pledges.data.pledges.nodes).toContainEqual({
        capabilityType: { code: "EOD_UNIT" },
        event: { code: "BERLIN_2025" },
        renewalDue: "2027-11-23",
        marking: "RESTRICTED",
        releasableTo: ["UN"],
      });
    } finally {
      await tab.context.close();
    }
  }, 120_000);

  it("marks a figure the aggregate exception suppressed as suppressed, with the reason, and offers the tables as CSV", async () => {
    // MINUSCA states an EOD requirement; the one EOD pledge (Bangladesh's, above) is read by the UN, only counted by the USA.
    const un = await system.token("UN", "planner");
    const requirement = await system.query<UntypedData>(
      `mutation { createCapabilityRequirement(mission: "MINUSCA", capabilityType: "EOD_UNIT", input: { quantity: 5, personnel: 200 }) { quantity } }`,
      { token: un },
    );
    expect(requirement.errors).toBeUndefined();
    const eod = async (persona: Persona) =>
      ((await api(persona, GAPS, { m: "MINUSCA" })).mission.gaps as UntypedData[]).find((g) => g.capabilityType.code === "EOD_UNIT");
    expect((await eod(PERSONAS[0])).pledgedSuppressed).toBe(true);
    expect((await eod(PERSONAS[2])).pledgedSuppressed).toBe(false);
    const tab = await openTab();
    try {
      await signIn(tab.page, PERSONAS[0]);
      await tab.page.goto(`${origin}/console/missions/MINUSCA`);
      await tab.page.locator("#gaps").waitFor();
      const mark = tab.page.locator('#gaps [data-suppressed="EOD_UNIT"]');
      // In words, not colour alone, and tied to the reason.
      expect(await mark.textContent()).toBe("0 (suppressed)");
      expect(await mark.getAttribute("aria-describedby")).toBe("suppression-reason");
      expect(await tab.page.locator("#suppression-reason").textContent()).toMatch(/fewer than 3/);
      // Per figure: in the chart's table, the pledge's readiness level (the form's default, level 1) is marked, level 2 is not.
      await tab.page.locator("#capability-bars figcaption button").click();
      expect(await tab.page.locator('#capability-bars [data-suppressed="EOD_UNIT-LEVEL_1"]').textContent()).toBe("0 (suppressed)");
      expect(await tab.page.locator('#capability-bars [data-suppressed="EOD_UNIT-LEVEL_2"]').count()).toBe(0);
      // The marks keep the page clean for axe (the walk's check ran before any figure was suppressed).
      await check(tab.page, "mission-suppressed");
      expect(violations.filter((v) => v.page === "mission-suppressed")).toEqual([]);
      // The gaps table's CSV, downloaded with the session: the same file the exchange serves.
      const href = await tab.page.locator('[data-download="missions/MINUSCA/gaps"]').getAttribute("href");
      const csv = await tab.page.evaluate(async (url) => (await fetch(url)).text(), href!);
      expect(csv).toContain("#indicator+units+gap+num");
      expect(csv).toContain("EOD_UNIT");
      // The events page marks exactly the events whose delivery figures the API says are suppressed for this persona.
      const events = (await api(PERSONAS[0], `query { pledgingEvents { code delivery { suppressed } } }`)).pledgingEvents as UntypedData[];
      await tab.page.goto(`${origin}/console/events`);
      await tab.page.locator("#events-table").waitFor();
      const marked = await tab.page
        .locator('#events-table [data-suppressed$="-pledges"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-suppressed")));
      expect(marked.sort()).toEqual(
        events
          .filter((e) => e.delivery.suppressed)
          .map((e) => `${e.code}-pledges`)
          .sort(),
      );
      await tab.page.goto(`${origin}/console/map`);
      await tab.page.locator("#watchlist-table").waitFor();
      const watchlist = await tab.page.locator('[data-download="shared-watchlist"]').getAttribute("href");
      expect(await tab.page.evaluate(async (url) => (await fetch(url)).status, watchlist!)).toBe(200);
      // The UN reads the pledge: nothing of its figures is suppressed.
      await signIn(tab.page, PERSONAS[2]);
      await tab.page.goto(`${origin}/console/missions/MINUSCA`);
      await tab.page.locator("#gaps").waitFor();
      expect(await tab.page.locator('[data-suppressed^="EOD_UNIT"]').count()).toBe(0);
      expect(await tab.page.locator("#gaps [data-gap=EOD_UNIT]").textContent()).toBe("4");
    } finally {
      await tab.context.close();
    }
    // Anonymous visitors read the pages, not the files: no download offered.
    const anonymous = await openTab();
    try {
      await anonymous.page.goto(`${origin}/console/map`);
      await anonymous.page.locator("#watchlist-table").waitFor();
      expect(await anonymous.page.locator("[data-download]").count()).toBe(0);
    } finally {
      await anonymous.context.close();
    }
  }, 120_000);

  it("sent no request to any other origin on any page", () => {
    expect(outside).toEqual([]);
  });
});

describe("a subgraph that is down", () => {
  // A second system whose gateway finds peacekeeping down (nothing listens where it looks for it).
  const degraded = usePreparedTestSystem(async () => [
    [],
    { console: { devSignIn: true }, subgraphUrls: { peacekeeping: `http://127.0.0.1:${await freePort()}/` } },
  ]);

  it("costs only the panels it answers, which name the service; the rest of the page works", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    try {
      const page = await context.newPage();
      const base = new URL(degraded.gatewayUrl).origin;
      await page.goto(`${base}/console/sign-in`);
      await page.locator('[data-persona="usa-analyst"]').click();
      await page.waitForURL(/\/console\/map/);
      await page.goto(`${base}/console/countries/CAF`);
      await page.locator('[data-service="peacekeeping"]').waitFor();
      expect(await page.locator("[data-service]").evaluateAll((els) => els.map((e) => e.getAttribute("data-service")))).toEqual([
        "peacekeeping",
      ]);
      // Risk and engagements still answer: the heat strip and the practices are there.
      await page.getByTestId("heat-strip").waitFor();
      expect(await page.locator("[data-practice]").count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
