import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(__dirname, "..", "artifacts");

/** Installs Debian's Chromium unless it is there (apt-get, as root): a fresh machine needs a minute or two. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  execFileSync("bash", [join(__dirname, "ensure-chromium.sh")], { stdio: "inherit", timeout: 600_000 });
}

export interface IdeRun {
  /** Text of the note above the IDE, "" when there is none. */
  note: string;
  /** What the result pane showed once `expect` appeared in it. */
  result: string;
  /** Every request the page tried to send to another host (all were blocked). */
  outside: string[];
  screenshot: string;
}

/**
 * Opens the IDE at `url` in Chromium with every other host blocked, types `Authorization: Bearer <token>`
 * into the headers editor, runs `query` (or the active tab's operation) and waits until the result pane shows `expect`.
 */
export async function runIde(options: {
  url: string;
  token: string;
  /** Typed into the query editor; the active tab's operation runs when absent. */
  query?: string;
  expect: string;
  screenshot: string;
}): Promise<IdeRun> {
  ensureChromium();
  const own = new URL(options.url).host;
  const outside: string[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.route("**/*", (route) => {
      const target = new URL(route.request().url());
      if (target.host === own) return route.continue();
      outside.push(target.href);
      return route.abort("blockedbyclient");
    });
    page.on("request", (request) => {
      const target = new URL(request.url());
      if (/^(https?|wss?):$/.test(target.protocol) && target.host !== own && !outside.includes(target.href)) outside.push(target.href);
    });
    await page.goto(options.url, { waitUntil: "load" });
    const headers = page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror');
    await headers.waitFor({ state: "visible" });
    await headers.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    // insertText is what a paste does: no key events, so CodeMirror adds no closing brackets.
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${options.token}` }));
    if (options.query) {
      await page.locator('section[aria-label="Query Editor"] .CodeMirror').click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      await page.keyboard.insertText(options.query);
    }
    // GraphiQL takes the editors' text into its state after a debounce: running at once sends the old operation.
    await page.waitForTimeout(1000);
    await page.locator(".graphiql-execute-button").click();
    const resultPane = page.locator('section[aria-label="Result Window"]', { hasText: options.expect });
    try {
      await resultPane.waitFor({ state: "visible", timeout: 30_000 });
    } catch (err) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `failed-${options.screenshot}`), fullPage: true });
      throw err;
    }
    const result = (await resultPane.textContent()) ?? "";
    const note = (await page.locator(".concert-note").count()) ? ((await page.locator(".concert-note").textContent()) ?? "") : "";
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, options.screenshot);
    await page.screenshot({ path: screenshot, fullPage: true });
    return { note, result, outside, screenshot };
  } finally {
    await browser.close();
  }
}
