// Lighthouse 12, desktop preset, on Debian's Chromium, against a running `npm start` (CONCERT_URL, default
// http://localhost:4000): the console's map, country and mission pages, as an anonymous visitor. Prints the scores
// as the Markdown table docs/console.md carries, and writes each report to lighthouse/reports/.
import { mkdirSync, writeFileSync } from "node:fs";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import desktop from "lighthouse/core/config/desktop-config.js";

const base = process.env.CONCERT_URL ?? "http://localhost:4000";
const pages = [
  ["map", "/console/map"],
  ["country", "/console/countries/CAF"],
  ["mission", "/console/missions/MINUSCA"],
];
const categories = ["performance", "accessibility", "best-practices", "seo"];
const reports = new URL("./reports/", import.meta.url);
mkdirSync(reports, { recursive: true });

const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
});
const rows = [];
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(`${base}${path}`, { port: chrome.port, output: "html", onlyCategories: categories }, desktop);
    if (!result) throw new Error(`lighthouse returned nothing for ${path}`);
    writeFileSync(new URL(`${name}.html`, reports), result.report);
    const score = (c) => Math.round((result.lhr.categories[c]?.score ?? 0) * 100);
    rows.push(`| ${name} (\`${path}\`) | ${categories.map(score).join(" | ")} |`);
  }
} finally {
  await chrome.kill();
}
console.log(`| page | ${categories.join(" | ")} |`);
console.log(`| --- | ${categories.map(() => "---").join(" | ")} |`);
for (const row of rows) console.log(row);
