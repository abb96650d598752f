#!/usr/bin/env node
// Measures the built site the way a first visitor meets it, on localhost: time until the app is
// interactive (from navigation start to Trunk's `TrunkApplicationStarted` event and to the first
// render of the drop zone), median of 5 cold loads, and every byte downloaded on first load (HTML,
// JS, wasm, CSS, icon, IAM catalog), as sent and gzip-compressed (`gzip -9`, as a static host
// serving compressed files would), plus the reading worker's files, fetched when the first input
// is read. Targets (issue 6): interactive ≤ 1.5 s, first load ≤ 1.5 MB gzip.
//
// Usage: trunk build --release && node scripts/measure-site.mjs [DIST]   (default: dist)
// Environment: CHROMIUM (default /usr/bin/chromium), RUNS (default 5).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveSite } from "./lib/site.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// playwright-core is installed for the end-to-end test (npm ci --prefix tests/e2e).
const { chromium } = createRequire(join(root, "tests/e2e/package.json"))("playwright-core");
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const runs = Number(process.env.RUNS ?? 5);
const prefix = "/site/";
const { server, origin } = await serveSite({ root: dist }, prefix, { "cache-control": "no-store" });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

/// Sizes of a file of the site: as stored, and gzip -9.
function sizes(url) {
  const path = new URL(url).pathname.slice(prefix.length) || "index.html";
  const bytes = readFileSync(join(dist, path));
  // Already-compressed files (the catalog, samples) travel as they are.
  const gzip = path.endsWith(".gz") ? bytes.length : gzipSync(bytes, { level: 9 }).length;
  return { path, raw: bytes.length, gzip };
}

const started = [];
const rendered = [];
let firstLoad = [];
let worker = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  await page.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", () => (window.__appStarted = performance.now()));
    new MutationObserver((_, observer) => {
      if (document.querySelector("#dropzone")) {
        window.__firstRender = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(origin + prefix);
  await page.waitForFunction(() => window.__appStarted && window.__firstRender, null, { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector("#catalog-version")?.textContent.includes("iam-data"), null, { timeout: 30000 });
  const times = await page.evaluate(() => ({ started: window.__appStarted, rendered: window.__firstRender }));
  started.push(times.started);
  rendered.push(times.rendered);
  if (run === 0) {
    firstLoad = [...new Set(urls)].filter((url) => url.startsWith(origin)).map(sizes);
    // The worker starts with the first read: paste a tiny input.
    const before = urls.length;
    await page.click("details.paste summary");
    await page.fill("#paste-input", '{"Records":[]}');
    await page.click("#read-pasted");
    await page.waitForSelector("#summary", { timeout: 30000 });
    worker = [...new Set(urls.slice(before))].filter((url) => url.startsWith(origin)).map(sizes);
  }
  await context.close();
}
await browser.close();
server.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const table = (rows) => rows.map((row) => `  ${row.path.padEnd(40)} ${kb(row.raw).padStart(11)} ${kb(row.gzip).padStart(11)}`).join("\n");
const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);
console.log(`site: ${dist}`);
console.log(`interactive (TrunkApplicationStarted), ${runs} cold loads: ${started.map((ms) => ms.toFixed(0)).join(", ")} ms; median ${median(started).toFixed(0)} ms (target ≤ 1500)`);
console.log(`first render of the page: median ${median(rendered).toFixed(0)} ms`);
console.log(`first load (${firstLoad.length} files):                    as sent     gzip -9\n${table(firstLoad)}`);
console.log(`  ${"total".padEnd(40)} ${kb(sum(firstLoad, "raw")).padStart(11)} ${kb(sum(firstLoad, "gzip")).padStart(11)} (target ≤ 1536 KB gzip)`);
console.log(`reading worker, fetched with the first input (${worker.length} files):\n${table(worker)}`);
console.log(`  ${"total with the worker".padEnd(40)} ${kb(sum(firstLoad, "raw") + sum(worker, "raw")).padStart(11)} ${kb(sum(firstLoad, "gzip") + sum(worker, "gzip")).padStart(11)}`);
