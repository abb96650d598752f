#!/usr/bin/env node
// The engine in the browser: reads generated CloudTrail files through the real page and worker
// path of a release build (the file picker, the Web Worker reading `File` slices, the `Analysis`
// posted back and shown) in headless Chromium, and reports per input: events, MB of uncompressed
// JSON, wall time from choosing the files to the summary on screen, CPU time of the worker's
// thread (the engine's figure, comparable with the native one) and of the whole renderer process
// (page and worker: also decoding and showing the result, saving it), MB and events per
// CPU-second, the renderer's peak resident
// memory (VmHWM: page, worker, both wasm memories, V8 heaps and file buffers, and Chromium's own
// code pages, which a blank tab has too), its peak private memory (the same without the shared
// file pages: what Chrome's task manager calls the tab's memory footprint), and how long the page took at most to answer a probe while reading (a frozen tab would
// show here) and in all, up to 4 s after the summary shows (saving the result for a reload). Next to each, where
// target/release/iamwb-bench exists, the native streaming figure for the same files.
// A measuring tool, not a test: run it through `scripts/bench.sh --wasm` (see docs/benchmark.md).
//
// Usage: node scripts/bench-wasm.mjs [--dist DIST] INPUT...   (INPUT: a file, or a folder of files)
// Environment: CHROMIUM (default /usr/bin/chromium). Linux only (/proc).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveSite } from "./lib/site.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "tests/e2e/package.json"))("playwright-core");

const argv = process.argv.slice(2);
let dist = join(root, "dist");
const inputs = [];
for (let index = 0; index < argv.length; index++) {
  if (argv[index] === "--dist") dist = resolve(argv[++index]);
  else inputs.push(resolve(argv[index]));
}
if (inputs.length === 0) {
  console.error("usage: node scripts/bench-wasm.mjs [--dist DIST] INPUT...");
  process.exit(2);
}
if (!existsSync(join(dist, "index.html"))) {
  console.error(`no release build in ${dist}: run trunk build --release first`);
  process.exit(2);
}

const prefix = "/site/";
/// How long the page is watched after the summary shows (probes and peak memory).
const settleMs = 4000;
const { server, origin } = await serveSite({ root: dist }, prefix);

/// The files of an input (a folder is walked in name order).
function filesOf(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesOf(join(path, name)));
}

/// Uncompressed bytes of a file (gzip inflated).
function jsonBytes(path) {
  const head = Buffer.alloc(2);
  const descriptor = openSync(path, "r");
  readSync(descriptor, head, 0, 2, 0);
  closeSync(descriptor);
  if (head[0] === 0x1f && head[1] === 0x8b) return gunzipSync(readFileSync(path)).length;
  return statSync(path).size;
}

// --- processes -----------------------------------------------------------------------------
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

function processTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(name), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / clockTicks });
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/// CPU seconds of the reading worker's threads (Chromium names them "DedicatedWorker thread"),
/// by thread, the largest figure seen: the page stops its worker once the result is in, and the
/// thread's figure goes with it, so `sampleWorkers` reads it every 20 ms while a run lasts.
const workerThreads = new Map();
function sampleWorkerThreads(pid) {
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      if (!readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").startsWith("DedicatedWorker")) continue;
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cpu = (Number(fields[11]) + Number(fields[12])) / clockTicks;
      workerThreads.set(`${pid}/${tid}`, Math.max(cpu, workerThreads.get(`${pid}/${tid}`) ?? 0));
    } catch {
      // The thread ended.
    }
  }
}

function workerThreadCpu(pid) {
  sampleWorkerThreads(pid);
  let total = 0;
  for (const [key, cpu] of workerThreads) if (key.startsWith(`${pid}/`)) total += cpu;
  return total;
}

/// Chromium renderer processes started by this node process.
function renderers() {
  const table = processTable();
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, entry] of table) {
      if (!mine.has(pid) && mine.has(entry.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  const found = [];
  for (const pid of mine) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("--type=renderer")) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (field) => Number((status.match(new RegExp(`${field}:\\s+(\\d+)`)) ?? [0, 0])[1]);
      const workerCpu = workerThreadCpu(pid);
      const mb = (field) => (kb(field) * 1024) / 1e6;
      // Private memory (anonymous pages: wasm memories, V8 heaps, buffers) apart from the shared
      // file pages (Chromium's own code, about 90 MB in a blank tab, shared with every process).
      const shared = mb("RssFile") + mb("RssShmem");
      found.push({ pid, cpu: table.get(pid)?.cpu ?? 0, workerCpu, peakMB: mb("VmHWM"), rssMB: mb("VmRSS"), privateMB: mb("RssAnon"), peakPrivateMB: mb("VmHWM") - shared });

    } catch {
      // Gone.
    }
  }
  return found;
}

// --- native figures ------------------------------------------------------------------------
const nativeBench = join(root, "target/release/iamwb-bench");
function native(paths) {
  if (!existsSync(nativeBench)) return null;
  try {
    const output = execFileSync(nativeBench, ["engine", ...paths], { encoding: "utf8" });
    const field = (name) => Number((output.match(new RegExp(`${name}=([0-9.]+)`)) ?? [0, NaN])[1]);
    return { mbPerCpuS: field("MB_per_cpu_s"), eventsPerCpuS: field("events_per_cpu_s"), cpuS: field("cpu_s"), peakMB: field("peak_rss_MB") };
  } catch (error) {
    return null;
  }
}

// --- one run -------------------------------------------------------------------------------
async function run(input) {
  const files = filesOf(input);
  const megabytes = files.reduce((total, path) => total + jsonBytes(path), 0) / 1e6;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(origin + prefix);
  await page.waitForFunction(() => document.querySelector("#catalog-version")?.textContent.includes("iam-data"), null, { timeout: 60000 });

  const before = renderers();
  const cpuBefore = before.reduce((total, entry) => total + entry.cpu, 0);
  const started = Date.now();
  const rendererPids = before.map((entry) => entry.pid);
  const sampler = setInterval(() => rendererPids.forEach(sampleWorkerThreads), 20);
  await page.setInputFiles("#file-input", files);
  // Probes: how long the page takes to answer while the worker reads.
  // Also the renderer's resident memory while the job runs (the Cancel button is shown): the
  // cost of reading, before the result is posted, decoded, shown and saved by the page.
  let slowestProbe = 0;
  let slowestReadingProbe = 0;
  let readingRss = 0;
  let privatePeak = 0;
  let finished = false;
  const probing = (async () => {
    while (!finished) {
      const sent = Date.now();
      const reading = await page.evaluate(() => Boolean(document.querySelector("#cancel")));
      slowestProbe = Math.max(slowestProbe, Date.now() - sent);
      privatePeak = Math.max(privatePeak, ...renderers().map((entry) => entry.privateMB));
      if (reading) {
        slowestReadingProbe = Math.max(slowestReadingProbe, Date.now() - sent);
        readingRss = Math.max(readingRss, ...renderers().map((entry) => entry.rssMB));
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
  })();
  await page.waitForFunction(
    () => !document.querySelector("#cancel") && Number((document.querySelector("#summary-events")?.textContent ?? "").replace(/[^0-9]/g, "")) > 0,
    null,
    { timeout: 600000, polling: 50 },
  );
  const wall = (Date.now() - started) / 1000;
  // The page's work after the summary shows (saving the result for a reload, drawing the rest)
  // counts too: keep probing a few seconds, then read the peak.
  const shown = Date.now();
  while (Date.now() - shown < settleMs) await new Promise((wait) => setTimeout(wait, 250));
  finished = true;
  await probing;
  clearInterval(sampler);
  const events = Number((await page.textContent("#summary-events")).replace(/[^0-9]/g, ""));
  const after = renderers();
  const cpu = after.reduce((total, entry) => total + entry.cpu, 0) - cpuBefore;
  // The worker starts with the first job: all of its CPU is this run's.
  const workerCpu = after.reduce((total, entry) => total + entry.workerCpu, 0);
  const peak = Math.max(...after.map((entry) => entry.peakMB));
  // The private peak: the larger of the sampled private memory and the resident peak less the
  // shared file pages now (they barely move: 127-133 MB through a run).
  const peakPrivate = Math.max(privatePeak, ...after.map((entry) => entry.peakPrivateMB));
  // Problems shown for the inputs (a pathological file must end in a clear one), and notices.
  const notes = await page
    .$$eval("#input-list ul.problems li, #notice-region *", (nodes) => nodes.map((node) => node.textContent.trim().slice(0, 160)).filter(Boolean).slice(0, 4))
    .catch(() => []);
  await browser.close();
  return { input, files: files.length, megabytes, events, wall, cpu, workerCpu, peak, peakPrivate, readingRss, slowestReadingProbe, slowestProbe, errors, notes, native: native(files.length > 1 ? [input] : files) };
}

const results = [];
for (const input of inputs) {
  const result = await run(input);
  results.push(result);
  const r = result;
  const line = [
    `wasm ${r.input.replace(root + "/", "")}: files=${r.files} events=${r.events} json_MB=${r.megabytes.toFixed(1)}`,
    `wall_s=${r.wall.toFixed(2)} renderer_cpu_s=${r.cpu.toFixed(2)} worker_cpu_s=${r.workerCpu.toFixed(2)}`,
    `worker_MB_per_cpu_s=${(r.megabytes / r.workerCpu).toFixed(1)} worker_events_per_cpu_s=${(r.events / r.workerCpu).toFixed(0)} renderer_MB_per_cpu_s=${(r.megabytes / r.cpu).toFixed(1)} MB_per_wall_s=${(r.megabytes / r.wall).toFixed(1)}`,
    `renderer_peak_private_MB=${r.peakPrivate.toFixed(1)} renderer_peak_rss_MB=${r.peak.toFixed(1)} renderer_max_rss_while_reading_MB=${r.readingRss.toFixed(1)} slowest_probe_ms=${r.slowestProbe} slowest_probe_while_reading_ms=${r.slowestReadingProbe}`,
  ].join(" ");
  console.log(line);
  if (r.native) {
    console.log(
      `  native streaming, same files: MB_per_cpu_s=${r.native.mbPerCpuS} events_per_cpu_s=${r.native.eventsPerCpuS} peak_rss_MB=${r.native.peakMB}; wasm worker/native=${((r.megabytes / r.workerCpu / r.native.mbPerCpuS) * 100).toFixed(0)} %`,
    );
  }
  if (r.errors.length) console.log(`  page errors: ${r.errors.join(" | ")}`);
  if (r.notes.length) console.log(`  notes: ${r.notes.join(" | ")}`);
}
server.close();
