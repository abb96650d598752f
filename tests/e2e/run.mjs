// End-to-end test of the real site: serves the built `dist/` under a sub-path (as from an S3
// bucket folder), drives Debian's Chromium with playwright-core, drops CloudTrail files into the
// page, reads the policy it shows, checks it is byte-identical to `iamwb generate` on the same
// files, and fails on any request that leaves the page's origin.
//
// Environment: DIST (default ../../dist), IAMWB (path to the iamwb binary), CHROMIUM
// (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, extname, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.DIST ?? join(here, "../../dist"));
const iamwb = resolve(process.env.IAMWB ?? join(here, "../../target/debug/iamwb"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const prefix = "/tools/iam-workbench/";

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".gz": "application/gzip",
};

function serve(root) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404).end("outside the site's prefix");
      return;
    }
    let path = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
    const file = resolve(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

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

const server = await serve(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
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
  await page.evaluate(
    ({ files }) => {
      const transfer = new DataTransfer();
      for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
      const zone = document.querySelector("#dropzone");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { files: [plain, gzipped, broken].map((path) => ({ name: path.split("/").pop(), bytes: [...readFileSync(path)] })) },
  );
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
  const shown = await page.textContent("#policy-json");
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

  done = step("the IAM data version is shown, and a workshop sample loads");
  await page.waitForFunction(() => document.querySelector("#catalog-version")?.textContent.includes("iam-data 0.21"), null, { timeout: 20000 });
  await page.click("#load-sample");
  await page.waitForFunction(() => Number(document.querySelector("#summary-events")?.textContent) > 11, null, { timeout: 30000 });
  assert.match(await page.textContent("#input-list"), /cloudtrail-workshop-300-events\.json\.gz/);
  done();

  done = step("no request left the page's origin, and no console errors");
  const outside = requests.filter((url) => !url.startsWith(origin + prefix) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(outside, [], "requests outside the site");
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
