// End-to-end test of the real site: serves the built `dist/` under a sub-path (as from an S3
// bucket folder), drives Debian's Chromium with playwright-core, drops CloudTrail files into the
// page, reads the policy it shows, checks it is byte-identical to `iamwb generate` on the same
// files (with default and with tightened options, running the very command line the page shows),
// exports a format, compares an Access Analyzer policy, edits the JSON by hand and checks the
// proof, checks accessibility (axe-core, evaluated in the page: no network) and keyboard use,
// reloads and finds the work restored, shares a policy through a link and opens it, forgets
// everything, reads a folder, removes an input, cancels reading a large file, drops a crafted
// file of endless caller ARNs (bounded, named, the good file beside it read), drops hostile
// content (it must stay inert), drops other exports with the logs (authorization details become
// the existing policy as `iamwb diff` chooses it without --policy, unused-access findings are
// removed, Access Advisor is shown, an Access Analyzer policy file is compared and refined, a bad
// file is explained), goes offline and
// still gets a policy (the service worker), sees a new release replace it, opens the "where your
// data goes" pages, and fails on any request that leaves the page's origin (page, workers or
// service worker).
//
// Environment: DIST (default ../../dist), IAMWB (path to the iamwb binary), CHROMIUM
// (default /usr/bin/chromium), SCREENSHOT_DIR (optional: screenshots at 1366×768 go there).
import { chromium } from "playwright-core";
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { serveSite } from "../../scripts/lib/site.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.DIST ?? join(here, "../../dist"));
const iamwb = resolve(process.env.IAMWB ?? join(here, "../../target/debug/iamwb"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const prefix = "/tools/iam-workbench/";

/** Serves `site.root` (a step switches it to a "new release") under `prefix`. */
const site = { root: dist };

function step(name) {
  const started = Date.now();
  process.stdout.write(`e2e: ${name} … `);
  return () => console.log(`ok (${Date.now() - started} ms)`);
}

const work = mkdtempSync(join(tmpdir(), "iamwb-e2e-"));
const plain = join(here, "fixtures/deployer-and-alice-1.json");
const gzipped = join(work, "111122223333_CloudTrail_eu-west-1_20261103T1005Z_AbCdEfGhIjKlMnOp.json.gz");
writeFileSync(gzipped, gzipSync(readFileSync(join(here, "fixtures/deployer-and-alice-2.json"))));
const broken = join(work, "broken.json");
writeFileSync(broken, '{"Records":[{"eventSource":"s3.amazonaws.com",,]}');
// The page names inputs by file name: with every input in one directory, the command line it
// shows runs there as it is.
copyFileSync(plain, join(work, "deployer-and-alice-1.json"));

/** Runs a command line the page shows, in the inputs' directory, with this build's iamwb. */
function runShown(commandLine) {
  assert.match(commandLine, /^iamwb /, "an iamwb command");
  const result = spawnSync("/bin/sh", ["-c", commandLine], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, PATH: `${dirname(iamwb)}:${process.env.PATH}` },
  });
  return result;
}

/** The page's editor text (a textarea: its value, not its text content). */
const editorText = () => page.inputValue("#policy-json");
// A downloaded CloudTrail tree: the same two files, deep inside AWSLogs/.
const tree = join(work, "download", "AWSLogs");
const dayFolder = join(tree, "111122223333/CloudTrail/eu-west-1/2026/11/02");
mkdirSync(dayFolder, { recursive: true });
writeFileSync(join(dayFolder, "111122223333_CloudTrail_eu-west-1_20261102T0900Z_a.json"), readFileSync(plain));
writeFileSync(join(dayFolder, "111122223333_CloudTrail_eu-west-1_20261103T1005Z_b.json.gz"), readFileSync(gzipped));
const hostile = readFileSync(join(here, "fixtures/hostile.json"));
const hostileName = "<img src=x onerror=alert(1)>.json";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const screenshots = process.env.SCREENSHOT_DIR;

/// Drops files (name, bytes) on the drop zone, as a user dragging them from a file manager.
async function drop(page, files) {
  await page.evaluate(
    ({ files }) => {
      const transfer = new DataTransfer();
      for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
      const zone = document.querySelector("#dropzone");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { files: files.map(({ name, bytes }) => ({ name, bytes: [...bytes] })) },
  );
}

/// Small checks axe does not make: every focusable control is a real control (no clickable
/// div), no positive tabindex, ids are unique, headings do not skip levels, live regions exist.
function handWrittenAccessibilityChecks() {
  const problems = [];
  for (const element of document.querySelectorAll("[tabindex]")) {
    if (Number(element.getAttribute("tabindex")) > 0) problems.push(`positive tabindex on ${element.outerHTML.slice(0, 80)}`);
    const tag = element.tagName.toLowerCase();
    if (!["pre", "svg"].includes(tag) && !element.getAttribute("role")) problems.push(`focusable ${tag} without a role`);
  }
  for (const element of document.querySelectorAll("[onclick]")) problems.push(`inline onclick on ${element.tagName}`);
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length) problems.push(`duplicate ids: ${duplicates.join(", ")}`);
  for (const input of document.querySelectorAll("input, select, textarea")) {
    const labelled = input.labels?.length || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`unlabelled ${input.tagName.toLowerCase()}#${input.id}`);
  }
  for (const button of document.querySelectorAll("button, a[href]")) {
    if (!(button.textContent.trim() || button.getAttribute("aria-label"))) problems.push(`nameless ${button.outerHTML.slice(0, 80)}`);
  }
  let previous = 1;
  for (const heading of document.querySelectorAll("h1, h2, h3, h4")) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) problems.push(`heading level skips from h${previous} to h${level}: ${heading.textContent}`);
    previous = level;
  }
  if (!document.querySelector("[role=status][aria-live]")) problems.push("no live region for progress");
  if (!document.querySelector("[role=alert]")) problems.push("no alert region for errors");
  return problems;
}

const { server, origin } = await serveSite(site, prefix);
// Report the service worker's own requests too (Chromium; the default in recent playwright).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failed = false;
let page;
const consoleErrors = [];
try {
  const context = await browser.newContext({ locale: "en-US", acceptDownloads: true });
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  // The same recording, for the requests the service worker makes itself (its install fetches
  // the whole site): proof that the recording above covers it. Dedicated workers' requests are
  // recorded as the page's.
  const serviceWorkerRequests = [];
  const otherRequests = [];
  context.on("request", (request) => (request.serviceWorker() ? serviceWorkerRequests : otherRequests).push(request.url()));
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));

  let done = step("the site loads under a sub-path");
  await page.goto(origin + prefix);
  await page.waitForSelector("#dropzone", { timeout: 20000 });
  done();

  done = step("dropping a plain and a gzip CloudTrail file, and a broken one");
  await drop(page, [plain, gzipped, broken].map((path) => ({ name: path.split("/").pop(), bytes: readFileSync(path) })));
  await page.waitForSelector("#principals", { timeout: 30000 });
  const events = await page.textContent("#summary-events");
  assert.equal(events.trim(), "11", "events shown in the summary");
  const listText = await page.textContent("#input-list");
  assert.match(listText, /broken\.json/, "the broken file is listed");
  assert.match(listText, /not a readable CloudTrail record|expected/i, "the broken file's problem is shown");
  done();

  done = step("choosing a principal shows its policy, equal to iamwb generate");
  const principal = "arn:aws:iam::111122223333:role/ci/deployer";
  await page.click(`button[aria-label="Choose ${principal}"]`);
  await page.waitForSelector("#policy-json");
  const shown = await editorText();
  const cli = execFileSync(iamwb, ["generate", "--principal", principal, plain, gzipped, broken], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  assert.equal(shown, cli, "the page and the CLI print the same policy, byte for byte");
  const command = await page.textContent("#cli-command");
  assert.match(command, /^iamwb generate --principal arn:aws:iam::111122223333:role\/ci\/deployer /);
  done();

  done = step("Download gives the same text");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-policy")]);
  const downloaded = readFileSync(await download.path(), "utf8");
  assert.equal(downloaded, cli);
  assert.equal(download.suggestedFilename(), "deployer-policy.json");
  done();

  done = step("tightening resources and adding a condition: the page equals the command line it shows");
  await page.check("#level-prefix");
  await page.check("#condition-region");
  await page.waitForFunction(() => document.querySelector("#policy-json").value.includes("aws:RequestedRegion"));
  const tightened = await editorText();
  const tightenedCli = execFileSync(iamwb, ["generate", "--principal", principal, "--resources", "prefix", "--conditions", "region", plain, gzipped, broken], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  assert.equal(tightened, tightenedCli, "prefix + region: the page and the CLI print the same policy, byte for byte");
  assert.notEqual(tightened, cli, "the options changed the policy");
  const tightenedCommand = (await page.textContent("#cli-command")).trim();
  assert.equal(
    tightenedCommand,
    `iamwb generate --principal ${principal} --resources prefix --conditions region deployer-and-alice-1.json ${gzipped.split("/").pop()} broken.json`,
  );
  const rerun = runShown(tightenedCommand);
  assert.equal(rerun.stdout, tightened, `the command the page shows prints the page's policy (stderr: ${rerun.stderr})`);
  assert.match(await page.textContent("#breadth-prefix"), /breadth ×/);
  done();

  done = step("exporting Terraform: the download equals the command line's output");
  await page.selectOption("#export-format", "terraform");
  await page.waitForFunction(() => document.querySelector("#cli-command").textContent.includes("--format terraform"));
  const terraformCommand = (await page.textContent("#cli-command")).trim();
  const [terraformDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-export")]);
  const terraform = readFileSync(await terraformDownload.path(), "utf8");
  assert.match(terraform, /resource "aws_iam_policy"/);
  assert.match(terraform, /aws:RequestedRegion/);
  assert.equal(terraformDownload.suggestedFilename(), "iamwb-deployer.tf");
  assert.equal(runShown(terraformCommand).stdout, terraform, "the page's Terraform equals iamwb generate --format terraform");
  await page.selectOption("#export-format", "json");
  done();

  done = step("an Access Analyzer policy: the diff matches iamwb diff, unused access is removed, resources are refined");
  const analyzerPolicy = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::${BucketName}/*" },
      { Effect: "Allow", Action: ["lambda:GetFunction", "lambda:UpdateFunctionCode"], Resource: "*" },
    ],
  };
  const analyzerOutput = JSON.stringify({ generatedPolicyResult: { generatedPolicies: [{ policy: JSON.stringify(analyzerPolicy) }] }, jobDetails: { status: "SUCCEEDED" } });
  const analyzerFile = join(work, "access-analyzer.json");
  writeFileSync(analyzerFile, analyzerOutput);
  await page.click(".diff summary");
  await page.fill("#existing-policy", analyzerOutput);
  await page.waitForSelector("#unused-grants");
  // `iamwb diff` exits 1 when calls were used but not granted, as here.
  const diffRun = spawnSync(iamwb, ["diff", "--json", "--principal", principal, "--policy", analyzerFile, plain, gzipped, broken], { encoding: "utf8" });
  assert.equal(diffRun.status, 1, diffRun.stderr);
  const cliDiff = JSON.parse(diffRun.stdout);
  const unusedShown = await page.textContent("#unused-grants");
  for (const grant of cliDiff.unused) assert.ok(unusedShown.includes(grant.entry), `the page lists unused ${grant.entry}`);
  assert.match(unusedShown, /s3:DeleteObject/);
  const missingShown = (await page.$("#missing-grants")) ? await page.textContent("#missing-grants") : "";
  for (const grant of cliDiff.missing) assert.ok(missingShown.includes(grant.action), `the page lists missing ${grant.action}`);
  const breadth = (await page.textContent("#breadth-compare")).match(/existing ×([\d.]+), this workspace ×([\d.]+)/);
  assert.ok(breadth && Number(breadth[2]) < Number(breadth[1]), `the workspace's real ARNs reach less than the placeholders: ${breadth}`);
  await page.click('button[aria-label="Remove s3:DeleteObject from the existing policy"]');
  await page.waitForFunction(() => !document.querySelector("#existing-policy").value.includes("DeleteObject"));
  await page.click("#use-existing");
  await page.waitForFunction(() => document.querySelector("#policy-json").value.includes("${BucketName}"));
  assert.equal((await page.textContent("#editor-state")).trim(), "edited by hand");
  assert.doesNotMatch(await editorText(), /DeleteObject/);
  // Refine the resources: back to the generated policy (undoable), real ARNs instead of placeholders.
  await page.click("#regenerate");
  await page.waitForFunction(() => !document.querySelector("#policy-json").value.includes("${BucketName}"));
  assert.equal(await editorText(), tightened);
  await page.fill("#existing-policy", "");
  done();

  done = step("a hand edit that removes an action: coverage drops, the denied call is listed, iamwb simulate agrees; Ctrl+Z undoes");
  assert.match(await page.textContent("#coverage"), /^100% of 5 successful calls allowed/);
  const edited = JSON.parse(await editorText());
  for (const statement of edited.Statement) {
    const actions = [].concat(statement.Action);
    statement.Action = actions.filter((action) => action !== "lambda:UpdateFunctionCode");
  }
  edited.Statement = edited.Statement.filter((statement) => statement.Action.length > 0);
  const editedText = JSON.stringify(edited, null, 2) + "\n";
  await page.fill("#policy-json", editedText);
  await page.waitForFunction(() => !document.querySelector("#coverage").textContent.startsWith("100%"));
  assert.equal((await page.textContent("#coverage")).trim(), "80% of 5 successful calls allowed");
  assert.match(await page.textContent("#denied-calls"), /lambda:UpdateFunctionCode/);
  assert.match(await page.textContent('tr[data-action="lambda:UpdateFunctionCode"]'), /denied/);
  const editedFile = join(work, "edited.json");
  writeFileSync(editedFile, editedText);
  const simulated = spawnSync(iamwb, ["simulate", "--json", "--principal", principal, "--policy", editedFile, plain, gzipped, broken], { encoding: "utf8" });
  assert.equal(simulated.status, 1, "iamwb simulate exits 1: a successful call would be denied");
  const simulation = JSON.parse(simulated.stdout);
  assert.equal(simulation.coverage.allowed_calls, 4);
  assert.equal(simulation.coverage.successful_calls, 5);
  await page.focus("#policy-json");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector("#coverage").textContent.startsWith("100%"));
  assert.equal(await editorText(), tightened, "undo brings the generated policy back");
  await page.keyboard.press("Control+Shift+z");
  await page.waitForFunction(() => !document.querySelector("#coverage").textContent.startsWith("100%"));
  await page.click("#undo");
  await page.waitForFunction(() => document.querySelector("#coverage").textContent.startsWith("100%"));
  done();

  done = step("the query builder and the resource kit");
  await page.fill("#query-since", "2026-11-01");
  await page.fill("#query-until", "2026-11-30");
  await page.selectOption("#query-engine", "lake");
  await page.waitForSelector("#query-sql");
  const querySql = await page.textContent("#query-sql");
  const queryCli = execFileSync(iamwb, ["query", "--principal", principal, "--since", "2026-11-01", "--until", "2026-11-30", "--engine", "lake"], { encoding: "utf8" });
  assert.equal(querySql, queryCli, "the page's SQL equals iamwb query");
  await page.fill("#kit-arn", "arn:aws:s3:::artifacts-bucket");
  await page.waitForSelector("#kit-read-write");
  const kitReadOnly = await page.textContent("#kit-read-only");
  const kitCli = JSON.parse(execFileSync(iamwb, ["kit", "arn:aws:s3:::artifacts-bucket", "--level", "read"], { encoding: "utf8" }));
  assert.deepEqual(JSON.parse(kitReadOnly), kitCli, "the page's ReadOnly equals iamwb kit --level read");
  done();

  done = step("the IAM data version is shown, and a workshop sample loads");
  await page.waitForFunction(() => document.querySelector("#catalog-version")?.textContent.includes("iam-data 0.21"), null, { timeout: 20000 });
  await page.click("#load-sample");
  await page.waitForFunction(() => Number(document.querySelector("#summary-events")?.textContent) > 11, null, { timeout: 30000 });
  assert.match(await page.textContent("#input-list"), /cloudtrail-workshop-300-events\.json\.gz/);
  done();

  done = step("the workshop's busiest principal, on a fresh page: its default export is iamwb generate's, and the page is short at 1,280 px");
  {
    const busiest = "arn:aws:iam::111122223333:role/service-role/orders-api-lambda-role";
    const fresh = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    fresh.on("request", (request) => requests.push(request.url()));
    const workshop = await fresh.newPage();
    workshop.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await workshop.goto(origin + prefix);
    await workshop.waitForSelector("#load-sample", { timeout: 20000 });
    await workshop.click("#load-sample");
    await workshop.waitForSelector("#principals", { timeout: 30000 });
    await workshop.click(`button[aria-label="Choose ${busiest}"]`);
    await workshop.waitForSelector("#export-text");
    const sample = join(here, "../../static/samples/cloudtrail-workshop-300-events.json.gz");
    const busiestCli = execFileSync(iamwb, ["generate", "--principal", busiest, sample], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    assert.equal(await workshop.textContent("#export-text"), busiestCli, "the default export equals a bare iamwb generate (one document, or the split array)");
    const layout = await workshop.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      squeezed: [...document.querySelectorAll("#actions-table th, #actions-table td")]
        .filter((cell) => cell.textContent.trim().length > 3 && cell.getBoundingClientRect().width < 2.5 * parseFloat(getComputedStyle(cell).fontSize))
        .map((cell) => cell.textContent.trim().slice(0, 30)),
      folded: document.querySelectorAll("#actions-table li.pattern details").length,
      tallest: [...document.querySelectorAll("main > section, .workspace-main > *, .workspace-proof > *")]
        .map((element) => [Math.round(element.getBoundingClientRect().height), `${element.tagName.toLowerCase()}#${element.id}.${element.className}`])
        .sort((left, right) => right[0] - left[0])
        .slice(0, 8)
        .map(([height, name]) => `${name} ${height} px`)
        .join("; "),
    }));
    assert.ok(layout.height <= 6000, `the page is ${layout.height} px tall at 1,280 px (at most 6,000); tallest parts: ${layout.tallest}`);
    assert.deepEqual(layout.squeezed, [], "no cell of the actions table is squeezed to a character per line");
    assert.ok(layout.folded > 0, "observed resources are folded under the patterns that grant them");
    console.log(`(${layout.height} px) `);
    // A Lambda's role: its sessions never carry MFA, which the page says before MFA is chosen,
    // and loudly after.
    assert.match(await workshop.textContent("#mfa-effect"), /^None of the \d+ calls carried MFA/);
    await workshop.check("#condition-mfa");
    await workshop.waitForSelector("#mfa-effect.notice");
    await fresh.close();
  }
  done();

  done = step("accessibility: axe-core (WCAG 2 A/AA) and hand-written checks, with everything on screen");
  await page.click("#share-toggle");
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(", ")})`);
  });
  assert.deepEqual(axe, [], "axe-core violations");
  assert.deepEqual(await page.evaluate(handWrittenAccessibilityChecks), [], "hand-written accessibility checks");
  await page.click("#share-toggle");
  done();

  done = step("keyboard: every control is reached by Tab with a visible focus, and works with Enter and Space");
  await page.bringToFront();
  await page.focus("#language");
  const reached = new Set(["language"]);
  const invisible = [];
  for (let press = 0; press < 150; press++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const holder = element.closest("label.button") ?? element;
      const holderStyle = getComputedStyle(holder);
      const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || (holderStyle.outlineStyle !== "none" && parseFloat(holderStyle.outlineWidth) > 0);
      return { id: element.id || element.getAttribute("aria-label") || element.textContent.trim().slice(0, 40), visible };
    });
    if (!focused) continue;
    reached.add(focused.id);
    if (!focused.visible) invisible.push(focused.id);
  }
  for (const id of ["language", "forget", "file-input", "folder-input", "load-sample", "sort-events", `Chosen ${principal}`, "copy-policy", "download-policy", "share-toggle"]) {
    assert.ok(reached.has(id), `${id} is reachable by Tab (reached: ${[...reached].join(" | ")})`);
  }
  assert.deepEqual(invisible, [], "controls without a visible focus");
  await page.focus("#sort-events");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("#sort-events", "id"), "sort-events");
  assert.equal(await page.evaluate(() => document.querySelector("#sort-events").parentElement.getAttribute("aria-sort")), "descending", "Enter sorts");
  await page.keyboard.press(" ");
  assert.equal(await page.evaluate(() => document.querySelector("#sort-events").parentElement.getAttribute("aria-sort")), "ascending", "Space sorts again");
  const alice = "arn:aws:iam::111122223333:user/alice";
  if (await page.$(`button[data-principal="${alice}"]`)) {
    await page.focus(`button[data-principal="${alice}"]`);
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute(`button[data-principal="${alice}"]`, "aria-pressed"), "true", "Enter chooses");
    await page.focus(`button[data-principal="${principal}"]`);
    await page.keyboard.press(" ");
  }
  assert.equal(await page.getAttribute(`button[data-principal="${principal}"]`, "aria-pressed"), "true", "Space chooses");
  done();

  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, "1366x768-top.png") });
    await page.screenshot({ path: join(screenshots, "1366x768-full.png"), fullPage: true });
  }

  done = step("reload: the work is restored (same principal chosen, same policy shown)");
  await page.waitForFunction(() => document.querySelector("#storage-status")?.textContent.includes("Saved"), null, { timeout: 20000 });
  const policyBefore = await editorText();
  const eventsBefore = await page.textContent("#summary-events");
  await page.reload();
  await page.waitForSelector("#principals", { timeout: 20000 });
  assert.equal(await page.getAttribute(`button[data-principal="${principal}"]`, "aria-pressed"), "true", "the same principal is chosen");
  assert.equal(await editorText(), policyBefore, "the same policy is shown (the workspace's choices restored too)");
  assert.match(policyBefore, /aws:RequestedRegion/, "the restored policy keeps the options chosen before the reload");
  assert.equal(await page.textContent("#summary-events"), eventsBefore);
  assert.ok(await page.$("#restored-note"), "the page says what was restored");
  assert.match(await page.textContent("#storage-status"), /restored/);
  done();

  done = step("share: a link carries the policy (placeholders for account IDs) and opens read-only");
  await page.click("#share-toggle");
  await page.click("#share-create");
  const link = await page.inputValue("#share-link");
  assert.ok(link.startsWith(origin + prefix) && link.includes("#policy="), link);
  const linkPage = await context.newPage();
  linkPage.on("pageerror", (error) => consoleErrors.push(String(error)));
  await linkPage.goto(link);
  await linkPage.waitForSelector("#shared-policy-json", { timeout: 20000 });
  assert.equal(await linkPage.textContent("#shared-policy-json"), policyBefore.replaceAll("111122223333", "${AccountId}"));
  await linkPage.goto(origin + prefix + "#policy=AAAA");
  await linkPage.waitForSelector("#shared-invalid", { timeout: 20000 });
  await linkPage.close();
  done();

  done = step("forget everything: storage and page are emptied, a reload restores nothing");
  await page.click("#forget");
  await page.waitForFunction(() => document.querySelector("#storage-status")?.textContent.includes("forgotten"), null, { timeout: 20000 });
  assert.equal(await page.$("#principals"), null);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("#storage-status")?.textContent.includes("Nothing is saved"), null, { timeout: 20000 });
  assert.equal(await page.$("#principals"), null, "nothing came back");
  assert.equal(await page.$("#input-list"), null);
  done();

  done = step("a folder (AWSLogs/ tree) read through the folder picker, files named by their path");
  await page.setInputFiles("#folder-input", tree);
  await page.waitForFunction(() => document.querySelector("#summary-events")?.textContent === "11", null, { timeout: 30000 });
  const folderList = await page.textContent("#input-list");
  assert.match(folderList, /AWSLogs\/111122223333\/CloudTrail\/eu-west-1\/2026\/11\/02\/111122223333_CloudTrail_eu-west-1_20261102T0900Z_a\.json/);
  assert.match(folderList, /_b\.json\.gz/);
  done();

  done = step("removing an input reads the others again");
  await page.click('button[aria-label$="_b.json.gz"]');
  await page.waitForFunction(() => document.querySelector("#summary-events")?.textContent === "6", null, { timeout: 30000 });
  assert.doesNotMatch(await page.textContent("#input-list"), /_b\.json\.gz/);
  done();

  done = step("a large file: progress shows bytes and events while the worker reads, Cancel stops it, the analysis before stays, the page reads again after");
  // About 330 MB of distinct events (one fixture record, a new eventID each): long enough to
  // cancel mid-way at any speed this machine reads.
  const big = join(work, "big.json");
  {
    const record = JSON.parse(readFileSync(plain, "utf8")).Records[0];
    const descriptor = openSync(big, "w");
    writeSync(descriptor, '{"Records":[');
    for (let batch = 0; batch < 40; batch++) {
      const lines = [];
      for (let index = 0; index < 5000; index++) {
        const n = batch * 5000 + index;
        lines.push(JSON.stringify({ ...record, eventID: `big-${n}`, requestParameters: { bucketName: "big-bucket", key: `objects/${n}`.padEnd(500, "x") } }));
      }
      writeSync(descriptor, (batch ? "," : "") + lines.join(","));
    }
    writeSync(descriptor, "]}");
    closeSync(descriptor);
  }
  await page.setInputFiles("#file-input", big);
  // Megabytes read with events counted: the big file's progress (the small file read first can
  // show its own kilobytes and events when the machine is slow).
  await page.waitForFunction(() => /MB of .*MB read, [1-9][0-9,]* events/.test(document.querySelector("#progress-text")?.textContent ?? ""), null, {
    timeout: 30000,
    polling: 20,
  });
  assert.match(await page.textContent("#progress-text"), /MB of .*MB read, [0-9,]+ events/);
  await page.click("#cancel");
  await page.waitForFunction(() => !document.querySelector("#cancel"), null, { timeout: 10000 });
  assert.match(await page.textContent("#notice-region"), /Reading was cancelled/);
  assert.match(await page.textContent("#input-list"), /big\.json[\s\S]*not read/);
  assert.equal(await page.textContent("#summary-events"), "6", "the analysis from before stays");
  await page.click('button[aria-label$="big.json"]');
  await page.waitForFunction(() => !document.querySelector("#cancel") && !/big\.json/.test(document.querySelector("#input-list")?.textContent ?? ""), null, { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector("#summary-events")?.textContent === "6", null, { timeout: 30000 });
  unlinkSync(big);
  done();

  done = step("hostile content (markup in ARNs, event names, user agents, the file name) stays inert");
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.click("#forget");
  await drop(page, [{ name: hostileName, bytes: hostile }]);
  await page.waitForSelector("#principals", { timeout: 30000 });
  await page.click("button.choose");
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], "no dialog opened");
  assert.equal(await page.evaluate(() => document.querySelectorAll("img, iframe, object, embed").length), 0, "no element was made from the data");
  const bodyText = await page.textContent("body");
  assert.ok(bodyText.includes("user/<img src=x onerror=alert(1)>"), "the ARN is shown as text");
  assert.ok(bodyText.includes(hostileName), "the file name is shown as text");
  await page.click("#forget");
  done();

  done = step("a crafted file (20,000 callers with 8 KB ARNs, 160 MB of JSON) is bounded and named; the good file beside it is read");
  {
    const pad = "x".repeat(8192);
    const records = [];
    for (let index = 0; index < 20000; index++) {
      records.push(
        `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/${pad}${index}","accountId":"111122223333"},"eventTime":"2026-03-01T08:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"eu-west-1","eventID":"crafted-${index}"}`,
      );
    }
    const crafted = gzipSync(Buffer.from(`{"Records":[${records.join(",")}]}`));
    await drop(page, [
      { name: "crafted.json.gz", bytes: crafted },
      { name: "deployer-and-alice-1.json", bytes: readFileSync(plain) },
    ]);
    await page.waitForSelector("#principals", { timeout: 60000 });
    const list = await page.textContent("#input-list");
    assert.match(list, /caller ARNs longer than any IAM principal's can be \(over 1024 bytes\): 20000 records from here on counted as events/, list);
    const principals = await page.textContent("#principals");
    assert.ok(!principals.includes(pad.slice(0, 100)), "no crafted caller became a principal");
    assert.ok(principals.includes("deployer"), "the good file's principals are there");
    await page.click("#forget");
  }
  done();

  done = step("the log sources people use now: Logs Insights results (get-query-results, console CSV and JSON), Athena's quoted CSV, aggregated events, scrubbed IDs and shipper times, read as iamwb reads them; bad ones explained");
  {
    const role = "arn:aws:iam::111122223333:role/app";
    const li = (name, calls) => [
      ["principal_arn", role], ["event_source", "s3.amazonaws.com"], ["event_name", name], ["resource_arn", "arn:aws:s3:::example-bucket/reports/1.csv"],
      ["resource_arn_2", "-"], ["error_code", "-"], ["region", "eu-west-1"], ["rp_bucketName", "example-bucket"], ["calls", calls],
      ["first_seen", "2026-03-01 08:00:00.000"], ["last_seen", "2026-03-02 08:00:00.000"],
    ];
    const rows = [li("GetObject", "7"), li("PutObject", "2")];
    const quote = (text) => `"${String(text).replaceAll('"', '""')}"`;
    const files = {
      "results.json": JSON.stringify({ results: rows.map((row) => [...row.map(([field, value]) => ({ field, value })), { field: "@ptr", value: "CmAK" }]), statistics: { recordsMatched: 9 }, status: "Complete" }),
      "logs-insights.csv": [rows[0].map(([field]) => quote(field)).join(","), ...rows.map((row) => row.map(([, value]) => quote(value)).join(","))].join("\n") + "\n",
      "logs-insights-export.json": JSON.stringify(rows.map((row) => Object.fromEntries(row))),
      "athena-results.csv": ['"principal_arn","event_source","event_name","resource_arn","error_code","calls","first_seen","last_seen"',
        `"${role}","sqs.amazonaws.com","SendMessage","","","4","2026-03-01T08:00:00Z","2026-03-01T09:00:00Z"`].join("\n") + "\n",
      "aggregated.json": JSON.stringify({ Records: [{ eventVersion: "1.0", accountId: "111122223333", eventId: "agg-1", eventCategory: "Aggregated", eventType: "AwsAggregatedEvent",
        awsRegion: "eu-west-1", eventSource: "s3.amazonaws.com", timeWindow: { windowStart: "2026-03-03T08:00:00Z", windowEnd: "2026-03-03T08:05:00Z", windowSize: "PT5M" },
        summary: { primaryDimension: { dimension: "userIdentity", statistics: [{ name: role, value: 5 }], aggregationType: "Count" },
          details: [{ dimension: "eventName", statistics: [{ name: "GetObject", value: 5 }], aggregationType: "Count" },
            { dimension: "resourceARN", statistics: [{ name: "arn:aws:s3:::archive-bucket", value: 5 }], aggregationType: "Count" }] } },
        { eventVersion: "1.0", eventId: "agg-2", eventCategory: "Aggregated", eventType: "AwsAggregatedEvent", awsRegion: "eu-west-1", eventSource: "s3.amazonaws.com",
          timeWindow: { windowStart: "2026-03-03T08:00:00Z" }, summary: { primaryDimension: { dimension: "resourceARN", statistics: [{ name: "arn:aws:s3:::x", value: 1 }] }, details: [] } }] }),
      "scrubbed.jsonl": [0, 1, 2].map((minute) => JSON.stringify({ eventVersion: "1.11", eventID: "1", eventTime: `2026-03-04T08:0${minute}:00Z`, eventSource: "kms.amazonaws.com", eventName: "Decrypt",
        awsRegion: "eu-west-1", eventType: "AwsApiCall", recipientAccountId: "111122223333", requestParameters: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
        userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/app/s", accountId: "111122223333", sessionContext: { sessionIssuer: { type: "Role", arn: role, accountId: "111122223333" } } } }))
        .concat([JSON.stringify({ eventVersion: "1.11", eventID: "otrf-1", "@timestamp": "2026-03-05T08:00:00.000Z", eventSource: "sqs.amazonaws.com", eventName: "ReceiveMessage", awsRegion: "eu-west-1",
          eventType: "AwsApiCall", recipientAccountId: "111122223333", requestParameters: { queueUrl: "https://sqs.eu-west-1.amazonaws.com/111122223333/orders" },
          userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/app/s", accountId: "111122223333", sessionContext: { sessionIssuer: { type: "Role", arn: role, accountId: "111122223333" } } } })]).join("\n") + "\n",
      "running.json": JSON.stringify({ results: [[{ field: "calls" }], { field: "calls", value: "1" }], status: "Running" }),
    };
    const paths = Object.entries(files).map(([name, text]) => {
      const path = join(work, name);
      writeFileSync(path, text);
      return path;
    });
    await drop(page, paths.map((path) => ({ name: path.split("/").pop(), bytes: readFileSync(path) })));
    await page.waitForSelector("#principals", { timeout: 30000 });
    const summary = JSON.parse(execFileSync(iamwb, ["summary", "--json", ...paths], { encoding: "utf8" }));
    await page.waitForFunction((events) => document.querySelector("#summary-events")?.textContent === String(events), summary.events, { timeout: 30000 });
    const byName = Object.fromEntries(summary.files.map((file) => [file.name.split("/").pop(), file]));
    assert.equal(byName["results.json"].format, "logs-insights-results");
    assert.equal(byName["logs-insights-export.json"].events, 9, "the console's JSON export: the rows' calls");
    assert.equal(byName["athena-results.csv"].format, "aggregate-csv", "Athena's quoted CSV is read as CSV");
    assert.equal(byName["aggregated.json"].events, 5);
    assert.equal(byName["scrubbed.jsonl"].events, 4, "records sharing a scrubbed eventID are kept");
    const inputs = await page.textContent("#input-list");
    for (const said of ["reuse an eventID", "dated by the log shipper", "no eventName", "status is Running", "not a readable row of Logs Insights results"]) {
      assert.ok(inputs.includes(said), `the input list says: ${said}`);
    }
    // The only principal may be chosen already.
    if (await page.$(`button[aria-label="Choose ${role}"]`)) await page.click(`button[aria-label="Choose ${role}"]`);
    await page.waitForSelector("#policy-json");
    const cli = execFileSync(iamwb, ["generate", "--principal", role, ...paths], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    assert.equal(await editorText(), cli, "the page and the CLI give the same policy from these inputs");
    assert.match(cli, /arn:aws:s3:::archive-bucket\/\*/, "the aggregated event's bucket");
    // The third engine of the query builder, with its advice; the footer names AWS's operation map.
    await page.fill("#query-since", "2026-03-01");
    await page.fill("#query-until", "2026-03-07");
    await page.selectOption("#query-engine", "logs-insights");
    await page.waitForFunction(() => document.querySelector("#query-sql")?.textContent.startsWith("# iamwb"));
    const insightsQuery = execFileSync(iamwb, ["query", "--principal", role, "--since", "2026-03-01", "--until", "2026-03-07", "--engine", "logs-insights"], { encoding: "utf8" });
    assert.equal(await page.textContent("#query-sql"), insightsQuery, "the page's Logs Insights query equals iamwb query");
    assert.match(await page.textContent("#query-advice"), /CloudWatch Logs/);
    assert.match(await page.textContent("#catalog-version"), /AWS Service Reference, 2026-07-25/);
    await page.click("#forget");
  }
  done();

  done = step("dropped exports are used: authorization details become the existing policy (as iamwb diff without --policy), unused access is removed, Access Advisor is shown, a bad file is explained");
  const detailsFile = join(here, "fixtures/authorization-details.json");
  const unusedFile = join(here, "fixtures/unused-access-finding.json");
  const advisorFile = join(here, "fixtures/access-advisor.json");
  const notAnExport = join(work, "not-an-export.json");
  writeFileSync(notAnExport, '{"hello":"world"}');
  const exportFiles = [plain, gzipped, analyzerFile, detailsFile, unusedFile, advisorFile, notAnExport];
  await drop(page, exportFiles.map((path) => ({ name: path.split("/").pop(), bytes: readFileSync(path) })));
  await page.waitForSelector("#principals", { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector("#summary-events")?.textContent === "11", null, { timeout: 30000 });
  const exportList = await page.textContent("#input-list");
  assert.match(exportList, /not-an-export\.json/, "the bad file is listed");
  assert.match(exportList, /expected|not a|unknown/i, "the bad file's problem is shown");
  await page.click(`button[aria-label="Choose ${principal}"]`);
  await page.waitForSelector("#policy-sources");
  await page.waitForFunction(() => document.querySelector("#existing-policy").value.includes("lambda:DeleteFunction"));
  const detailsDiffRun = spawnSync(iamwb, ["diff", "--json", "--principal", principal, ...exportFiles], { encoding: "utf8" });
  assert.equal(detailsDiffRun.status, 1, detailsDiffRun.stderr);
  assert.match(detailsDiffRun.stderr, /comparing with its policies in the authorization details: artifacts, deploy-functions/);
  const detailsDiff = JSON.parse(detailsDiffRun.stdout);
  await page.waitForSelector("#unused-grants");
  const detailsUnused = await page.textContent("#unused-grants");
  for (const grant of detailsDiff.unused) assert.ok(detailsUnused.includes(grant.entry), `the page lists unused ${grant.entry}`);
  const detailsMissing = (await page.$("#missing-grants")) ? await page.textContent("#missing-grants") : "";
  for (const grant of detailsDiff.missing) assert.ok(detailsMissing.includes(grant.action), `the page lists missing ${grant.action}`);
  assert.match(await page.textContent("#policy-sources"), /AWSCloudFormationReadOnlyAccess/, "the AWS managed policy not in the files is named");
  // Unused access (Access Analyzer): one click takes s3:DeleteObject out of the existing policy.
  assert.match(await page.textContent("#unused-access"), /s3:DeleteObject/);
  await page.click('button[aria-label="Remove s3:DeleteObject from the policies"]');
  await page.waitForFunction(() => !document.querySelector("#existing-policy").value.includes("s3:DeleteObject"));
  // Access Advisor.
  assert.match(await page.textContent('#last-accessed tr[data-service="sqs"]'), /not in the tracking period/);
  assert.match(await page.textContent("#summary-imported"), /Also read: 1 policy, 1 unused-access finding, 1 user or role \(authorization details\), 3 services last accessed/);
  // The new panels meet the same accessibility bar.
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  await page.evaluate(axeSource);
  const exportsAxe = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(", ")})`);
  });
  assert.deepEqual(exportsAxe, [], "axe-core violations with the exports' panels on screen");
  assert.deepEqual(await page.evaluate(handWrittenAccessibilityChecks), [], "hand-written accessibility checks with the exports' panels on screen");
  done();

  done = step("a dropped Access Analyzer generated-policy file: compared, taken into the editor, unused access removed, resources refined");
  await page.click('button[aria-label^="Compare with Access Analyzer\'s generated policy (access-analyzer.json"]');
  await page.waitForFunction(() => document.querySelector("#existing-policy").value.includes("${BucketName}"));
  await page.waitForSelector("#unused-grants");
  const fileDiff = JSON.parse(spawnSync(iamwb, ["diff", "--json", "--principal", principal, "--policy", analyzerFile, plain, gzipped], { encoding: "utf8" }).stdout);
  const fileUnused = await page.textContent("#unused-grants");
  for (const grant of fileDiff.unused) assert.ok(fileUnused.includes(grant.entry), `the page lists unused ${grant.entry}`);
  await page.click("#use-existing");
  await page.waitForFunction(() => document.querySelector("#policy-json").value.includes("${BucketName}"));
  assert.match(await editorText(), /s3:PutObject/);
  await page.click('button[aria-label="Remove s3:PutObject from the policies"]');
  await page.waitForFunction(() => !document.querySelector("#policy-json").value.includes("s3:PutObject"));
  await page.click("#regenerate");
  await page.waitForFunction(() => !document.querySelector("#policy-json").value.includes("${BucketName}"));
  assert.equal(await editorText(), cli, "refined: the generated policy with real ARNs, as iamwb generate prints it");
  await page.click("#forget");
  done();

  done = step("the service worker keeps the site's files: offline, a reload still opens it, reads a dropped file and gives the policy");
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", null, { timeout: 30000 });
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith("iamwb-"));
    const cache = await caches.open(names[0]);
    return { names, files: (await cache.keys()).map((request) => request.url) };
  });
  assert.equal(cached.names.length, 1, `one cache, this release's: ${cached.names}`);
  for (const file of ["index.html", "worker_loader.js", "worker.js", "worker_bg.wasm", "iam-catalog.json.gz", "privacy.html", "privacy.ja.html"]) {
    assert.ok(cached.files.includes(origin + prefix + file), `${file} is cached (${cached.files.length} files)`);
  }
  assert.ok(cached.files.some((url) => /app-[0-9a-f]{8,16}_bg\.wasm$/.test(url)), "the app's hashed wasm is cached");
  await context.setOffline(true);
  try {
    const failedOffline = [];
    const onFailed = (request) => failedOffline.push(`${request.url()}: ${request.failure()?.errorText}`);
    page.on("requestfailed", onFailed);
    await page.reload();
    await page.waitForSelector("#dropzone", { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector("#catalog-version")?.textContent.includes("iam-data 0.21"), null, { timeout: 20000 });
    await drop(page, [{ name: "deployer-and-alice-1.json", bytes: readFileSync(plain) }]);
    // The only principal of the file: chosen already, or to choose.
    await page.waitForSelector(`button[data-principal="${principal}"]`, { timeout: 30000 });
    if ((await page.getAttribute(`button[data-principal="${principal}"]`, "aria-pressed")) !== "true") await page.click(`button[data-principal="${principal}"]`);
    await page.waitForSelector("#policy-json");
    const offlinePolicy = execFileSync(iamwb, ["generate", "--principal", principal, plain], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    await page.waitForFunction((expected) => document.querySelector("#policy-json").value === expected, offlinePolicy, { timeout: 20000 });
    page.off("requestfailed", onFailed);
    assert.deepEqual(failedOffline, [], "every request of the offline session was answered by the service worker");
  } finally {
    await context.setOffline(false);
  }
  await page.click("#forget");
  done();

  done = step("a new release: the service worker is replaced and so is its cache");
  const release = mkdtempSync(join(tmpdir(), "iamwb-e2e-release-"));
  execFileSync("cp", ["-r", `${dist}/.`, release]);
  const newVersion = "0123456789abcdef";
  const swSource = readFileSync(join(release, "sw.js"), "utf8");
  assert.match(swSource, /const VERSION = "[0-9a-f]{16}";/);
  writeFileSync(join(release, "sw.js"), swSource.replace(/const VERSION = "[0-9a-f]{16}";/, `const VERSION = "${newVersion}";`));
  site.root = release;
  await page.reload();
  await page.waitForSelector("#dropzone", { timeout: 20000 });
  // The new worker installs (filling its cache), activates and deletes the old cache.
  let cacheNames = [];
  for (let attempt = 0; attempt < 120 && JSON.stringify(cacheNames) !== JSON.stringify([`iamwb-${newVersion}`]); attempt++) {
    await page.waitForTimeout(250);
    cacheNames = await page.evaluate(() => caches.keys());
  }
  assert.deepEqual(cacheNames, [`iamwb-${newVersion}`], "only the new release's cache is left");
  assert.match(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ""), /\/sw\.js$/, "the new worker controls the page");
  site.root = dist;
  done();

  done = step("the 'where your data goes' page, in both languages, from the privacy panel; strict CSP, no script");
  await page.click("#privacy-page");
  await page.waitForSelector("h1");
  assert.equal(await page.textContent("h1"), "Where your data goes");
  assert.equal(await page.evaluate(() => document.scripts.length), 0);
  await page.click('a[hreflang="ja"]');
  await page.waitForFunction(() => document.documentElement.lang === "ja");
  assert.equal(await page.textContent("h1"), "データの行き先");
  await page.click('a[href="index.html"]');
  await page.waitForSelector("#dropzone", { timeout: 20000 });
  assert.match(await page.textContent("#app-version"), /IAM Policy Workbench \d+\.\d+\.\d+/);
  done();

  done = step("no request left the page's origin (page, workers, service worker), and no console errors");
  const outside = requests.filter((url) => !url.startsWith(origin + prefix) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(outside, [], "requests outside the site");
  assert.ok(otherRequests.some((url) => url.endsWith("/worker_bg.wasm")), "the dedicated worker's requests are recorded");
  assert.ok(serviceWorkerRequests.some((url) => url.endsWith("/index.html")), `the service worker's requests are recorded (${serviceWorkerRequests.length})`);
  for (const url of serviceWorkerRequests) assert.ok(url.startsWith(origin + prefix), `the service worker asked for ${url}`);
  assert.deepEqual(consoleErrors, [], "console errors");
  done();
  console.log(`e2e: ${requests.length} requests, all inside ${origin}${prefix}`);
} catch (error) {
  failed = true;
  console.error("\ne2e: FAILED:", error);
  console.error("console errors:", consoleErrors);
  if (page) console.error("page text:", (await page.textContent("body").catch(() => "")).slice(0, 2000));
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
