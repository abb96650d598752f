// The README's run command, tried as a newcomer tries it: a fresh `git clone` of HEAD (so nothing
// that git ignores — target/, bench-data/, dist/, tools/node_modules — can hide a missing step),
// then `scripts/run.sh` (or `scripts/run.sh --dev`) exactly as written. Waits until
// http://127.0.0.1:8080/ answers, fetches every .js and .wasm the page names (200; .wasm as
// application/wasm), loads the page in headless Chromium and waits for the app to render with no
// console error, then stops the whole process group (Trunk starts cargo).
//
//   node tests/e2e/run-command.mjs [--dev]
//
// Environment: CARGO_TARGET_DIR (the clone builds there; point it at the repository's target/
// so dependencies are not compiled again), CHROMIUM (default /usr/bin/chromium), RUN_TIMEOUT
// (seconds to wait for the page, default 600).
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, "../..");
const dev = process.argv.includes("--dev");
const command = dev ? ["scripts/run.sh", "--dev"] : ["scripts/run.sh"];
const origin = "http://127.0.0.1:8080";
const timeoutSeconds = Number(process.env.RUN_TIMEOUT ?? 600);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function fail(message, logPath) {
  console.error(`run-command: FAILED: ${message}`);
  if (logPath) {
    const lines = readFileSync(logPath, "utf8").split("\n");
    console.error(`run-command: the last lines of ${command.join(" ")}'s output:`);
    console.error(lines.slice(-40).join("\n"));
  }
  process.exitCode = 1;
}

/** Resolves true when nothing listens on 127.0.0.1:8080 (the run command's address). */
function portIsFree() {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once("error", () => resolvePromise(false));
    probe.once("listening", () => probe.close(() => resolvePromise(true)));
    probe.listen(8080, "127.0.0.1");
  });
}

if (!(await portIsFree())) {
  fail(`port 8080 on 127.0.0.1 is taken: the run command serves there. Stop what listens on it (\`ss -ltnp 'sport = :8080'\` names it) and run again.`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "iamwb-run-command-"));
const clone = join(work, "clone");
execFileSync("git", ["clone", "--quiet", repository, clone], { stdio: "inherit" });
const logPath = join(work, "run.log");
const log = openSync(logPath, "w");
console.log(`run-command: ${command.join(" ")} in a fresh clone of ${execFileSync("git", ["-C", clone, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim()} (${clone})`);
// A process group of its own (detached), so stopping it stops Trunk and the cargo it started.
const server = spawn(command[0], command.slice(1), { cwd: clone, detached: true, stdio: ["ignore", log, log] });
let exited = null;
server.on("exit", (code, signal) => (exited = { code, signal }));
// The command could not be started at all (not executable, say).
server.on("error", (error) => (exited = { code: String(error.message ?? error), signal: null }));

function stop() {
  if (exited) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}
process.on("exit", stop);

async function fetchOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(60000) });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function check() {
  // 1. Until the page answers (the first build compiles), or the command exits, or time is up.
  let indexHtml = null;
  while (indexHtml === null) {
    if (exited) return fail(`${command.join(" ")} exited (${exited.code ?? exited.signal}) before serving the page`, logPath);
    if (Date.now() - started > timeoutSeconds * 1000) return fail(`no answer from ${origin}/ after ${timeoutSeconds} s`, logPath);
    try {
      // Each try is bounded: a connection made while Trunk starts can stay unanswered.
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      // Trunk answers while it builds with a page of its own; the app's page names app-*.js.
      if (response.status === 200 && /app-[0-9a-f]{8,16}\.js/.test(text)) indexHtml = text;
    } catch {
      // Not listening yet.
    }
    if (indexHtml === null) await new Promise((wake) => setTimeout(wake, 1000));
  }
  console.log(`run-command: ${origin}/ answers after ${elapsed()}`);

  // 2. Every script and wasm file the page names.
  const named = [...new Set([...indexHtml.matchAll(/(?:href|src)="([^"]+\.(?:js|wasm))"/g)].map((match) => match[1]))];
  if (!named.some((path) => path.endsWith(".wasm"))) return fail(`the page names no .wasm file: ${named.join(", ")}`, logPath);
  for (const path of named) {
    const url = new URL(path, `${origin}/`).href;
    try {
      const response = await fetchOk(url);
      const type = response.headers.get("content-type") ?? "";
      if (path.endsWith(".wasm") && !type.startsWith("application/wasm")) return fail(`${url} is served as ${type}, not application/wasm`);
      await response.arrayBuffer();
    } catch (error) {
      return fail(String(error.message ?? error), logPath);
    }
  }
  console.log(`run-command: ${named.length} scripts and wasm files fetched (${named.join(", ")})`);

  // 3. The app renders in Chromium with a clean console.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${origin}/`);
    await page.waitForSelector("#dropzone", { timeout: 30000 });
    // A moment for late errors (the service worker's install, the worker's first load).
    await page.waitForTimeout(1500);
    if (errors.length > 0) return fail(`console errors in the page:\n  ${errors.join("\n  ")}`);
  } finally {
    await browser.close();
  }
  console.log(`run-command: the app renders with no console error; ${command.join(" ")} passed in ${elapsed()}`);
}

try {
  await check();
} catch (error) {
  fail(String(error?.stack ?? error), logPath);
} finally {
  stop();
  // Wait for the group to go, so the next step finds port 8080 free.
  for (let waited = 0; !exited && waited < 100; waited++) await new Promise((wake) => setTimeout(wake, 100));
  if (!exited) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  if (process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
}
