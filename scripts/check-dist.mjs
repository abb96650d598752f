// Checks a built site (dist/, after `trunk build --release`) for what the privacy promise rests on,
// and fails with a list of problems otherwise:
//   - index.html carries a strict Content-Security-Policy: default-src, connect-src and worker-src
//     'self'; script-src 'self' 'wasm-unsafe-eval' and sha256 hashes only; no 'unsafe-inline',
//     'unsafe-eval', wildcard, scheme or host source anywhere;
//   - the CSP's hashes are exactly those of the page's inline scripts (none missing, none stale);
//   - every script, module preload, wasm preload and stylesheet carries Subresource Integrity, the
//     loader fetches the app's wasm with its digest (browsers ignore it on a wasm preload), and
//     every integrity digest matches the file's bytes;
//   - no page refers to anything outside the site (no absolute URL, no protocol-relative URL, no
//     inline event handler), and the other pages (privacy.html…) have a CSP without scripts;
//   - the service worker lists exactly the site's files, with the digest of this build.
//
//   node scripts/check-dist.mjs [DIST]      (default: dist)
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { listFiles } from "./lib/site.mjs";

const dist = resolve(process.argv[2] ?? "dist");
const problems = [];
const facts = [];
const problem = (message) => problems.push(message);

const indexHtml = read("index.html");
const files = listFiles(dist);

// --- The Content-Security-Policy of index.html. ---
const policy = cspOf("index.html", indexHtml);
if (policy) {
  expectExactly(policy, "default-src", ["'self'"]);
  expectExactly(policy, "connect-src", ["'self'"]);
  expectExactly(policy, "worker-src", ["'self'"]);
  expectExactly(policy, "object-src", ["'none'"]);
  const scriptSources = policy.get("script-src") ?? [];
  for (const required of ["'self'", "'wasm-unsafe-eval'"]) {
    if (!scriptSources.includes(required)) problem(`index.html: script-src lacks ${required}`);
  }
  for (const source of scriptSources) {
    if (!["'self'", "'wasm-unsafe-eval'"].includes(source) && !/^'sha256-[A-Za-z0-9+/]{43}='$/.test(source)) {
      problem(`index.html: script-src allows ${source} (only 'self', 'wasm-unsafe-eval' and sha256 hashes)`);
    }
  }
  checkNoLooseSources("index.html", policy);
  // The hashes are exactly the inline scripts'.
  const inline = inlineScripts(indexHtml).map((text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  const listed = scriptSources.filter((source) => source.startsWith("'sha256-"));
  for (const hash of inline) if (!listed.includes(hash)) problem(`index.html: an inline script's hash ${hash} is not in script-src`);
  for (const hash of listed) if (!inline.includes(hash)) problem(`index.html: script-src lists ${hash}, which matches no inline script`);
  if (inline.length === 0) problem("index.html: no inline loader script found (Trunk's output changed?)");
  facts.push(`CSP strict, ${inline.length} inline script(s) hashed`);
}
if (indexHtml.includes("__INLINE_SCRIPT_HASHES__")) problem("index.html: the CSP placeholder was not replaced (post-build hook did not run)");

// --- Subresource Integrity. ---
let withIntegrity = 0;
for (const tag of tagsOf(indexHtml, ["link", "script"])) {
  const url = tag.attributes.href ?? tag.attributes.src;
  if (!url) continue;
  const rel = (tag.attributes.rel ?? "").toLowerCase();
  const needsIntegrity = tag.name === "script" || ["modulepreload", "preload", "stylesheet"].includes(rel);
  const integrity = tag.attributes.integrity;
  if (!integrity) {
    if (needsIntegrity) problem(`index.html: ${url} (${tag.name} ${rel}) has no integrity attribute`);
    continue;
  }
  const file = resolve(dist, url.replace(/^\.\//, ""));
  if (!file.startsWith(dist + sep) || !existsSync(file)) {
    problem(`index.html: ${url} has an integrity attribute but is not in dist/`);
    continue;
  }
  const bytes = readFileSync(file);
  for (const expected of integrity.trim().split(/\s+/)) {
    const [algorithm, digest] = [expected.slice(0, expected.indexOf("-")), expected.slice(expected.indexOf("-") + 1)];
    if (!["sha256", "sha384", "sha512"].includes(algorithm)) {
      problem(`index.html: ${url}: unknown integrity algorithm ${algorithm}`);
      continue;
    }
    const actual = createHash(algorithm).update(bytes).digest("base64");
    if (actual !== digest) problem(`index.html: ${url}: integrity ${algorithm} ${digest} does not match the file (${actual})`);
  }
  if (/\.(js|wasm)$/.test(url) && tag.attributes.crossorigin === undefined) problem(`index.html: ${url} has integrity but no crossorigin attribute`);
  withIntegrity += 1;
}
for (const kind of [/\.js$/, /_bg\.wasm$/]) {
  const covered = tagsOf(indexHtml, ["link", "script"]).some((tag) => kind.test(tag.attributes.href ?? tag.attributes.src ?? "") && tag.attributes.integrity);
  if (!covered) problem(`index.html: no ${kind} asset with an integrity attribute (Trunk's SRI off?)`);
}
// Browsers ignore integrity on a wasm preload (as="fetch"): the loader's fetch must carry it.
for (const script of inlineScripts(indexHtml)) {
  for (const match of script.matchAll(/['"]([^'"]+_bg\.wasm)['"]/g)) {
    const fetched = script.match(new RegExp(`fetch\\('${match[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}', \\{ integrity: '([^']+)' \\}\\)`));
    if (!fetched) {
      problem(`index.html: the loader fetches ${match[1]} without an integrity digest`);
      continue;
    }
    const [algorithm, digest] = [fetched[1].slice(0, fetched[1].indexOf("-")), fetched[1].slice(fetched[1].indexOf("-") + 1)];
    const file = join(dist, match[1].replace(/^\.\//, ""));
    if (!existsSync(file)) problem(`index.html: the loader fetches ${match[1]}, which is not in dist/`);
    else if (createHash(algorithm).update(readFileSync(file)).digest("base64") !== digest) problem(`index.html: the loader's integrity for ${match[1]} does not match the file`);
    else withIntegrity += 1;
  }
}
facts.push(`${withIntegrity} integrity digest(s) matching their files`);

// --- Nothing from elsewhere; other pages without scripts. ---
for (const page of files.filter((file) => file.endsWith(".html"))) {
  const html = page === "index.html" ? indexHtml : read(page);
  for (const tag of tagsOf(html, ["link", "script", "img", "a", "iframe", "source", "base", "form", "object", "embed"])) {
    for (const name of ["href", "src", "action", "data"]) {
      const value = tag.attributes[name];
      if (value === undefined) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) problem(`${page}: <${tag.name} ${name}="${value}"> points outside the site`);
    }
    for (const name of Object.keys(tag.attributes)) if (name.startsWith("on")) problem(`${page}: inline event handler ${name} on <${tag.name}>`);
  }
  if (/@import|url\(\s*['"]?(https?:)?\/\//i.test(html)) problem(`${page}: an inline style imports from elsewhere`);
  if (page === "index.html") continue;
  const pagePolicy = cspOf(page, html);
  if (pagePolicy) {
    expectExactly(pagePolicy, "default-src", ["'self'"]);
    expectExactly(pagePolicy, "script-src", ["'none'"]);
    checkNoLooseSources(page, pagePolicy);
  }
  if (inlineScripts(html).length > 0 || /<script\b/i.test(html)) problem(`${page}: has a script (static pages have none)`);
}
for (const css of files.filter((file) => file.endsWith(".css"))) {
  if (/@import|url\(\s*['"]?(https?:)?\/\//i.test(read(css))) problem(`${css}: imports or loads from elsewhere`);
}

// --- The service worker. ---
if (!files.includes("sw.js")) {
  problem("sw.js is missing");
} else {
  const sw = read("sw.js");
  const listed = sw.match(/const FILES = (\[[\s\S]*?\]);/);
  const version = sw.match(/const VERSION = "([0-9a-f]{16})";/);
  if (!listed || !version) {
    problem("sw.js: FILES or VERSION not filled in (post-build hook did not run)");
  } else {
    const expected = files.filter((file) => file !== "sw.js");
    const cached = JSON.parse(listed[1]);
    if (JSON.stringify(cached) !== JSON.stringify(expected)) {
      problem(`sw.js lists other files than dist/ holds: missing ${expected.filter((file) => !cached.includes(file)).join(", ") || "none"}; extra ${cached.filter((file) => !expected.includes(file)).join(", ") || "none"}`);
    }
    const digest = createHash("sha256");
    for (const file of expected) digest.update(file).update("\0").update(readFileSync(join(dist, file))).update("\0");
    if (digest.digest("hex").slice(0, 16) !== version[1]) problem("sw.js: VERSION is not the digest of this build's files (a file changed after the build?)");
    facts.push(`service worker caches ${cached.length} files as version ${version[1]}`);
  }
}

if (problems.length > 0) {
  console.error(`check-dist: ${dist}: ${problems.length} problem(s):`);
  for (const message of problems) console.error(`  - ${message}`);
  process.exit(1);
}
console.error(`check-dist: ${dist}: ${facts.join("; ")}`);

// --- Helpers. ---

function read(file) {
  const path = join(dist, file);
  if (!existsSync(path)) {
    console.error(`check-dist: ${path} does not exist (build first: trunk build --release)`);
    process.exit(2);
  }
  return readFileSync(path, "utf8");
}


/** The start tags named `names` with their attributes (names lower-cased, entities as written). */
function tagsOf(html, names) {
  const tags = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const match of withoutComments.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const name = match[1].toLowerCase();
    if (!names.includes(name)) continue;
    const attributes = {};
    for (const attribute of (match[2] ?? "").matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes[attribute[1].toLowerCase()] = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
    }
    tags.push({ name, attributes });
  }
  return tags;
}

/** The text of every <script> without a src. */
function inlineScripts(html) {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
}

/** The page's CSP (from its one meta tag) as a map of directive → sources. */
function cspOf(page, html) {
  const metas = tagsOf(html, ["meta"]).filter((tag) => (tag.attributes["http-equiv"] ?? "").toLowerCase() === "content-security-policy");
  if (metas.length !== 1) {
    problem(`${page}: ${metas.length} Content-Security-Policy meta tags (expected one)`);
    return null;
  }
  const directives = new Map();
  for (const part of metas[0].attributes.content.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (directives.has(name)) problem(`${page}: CSP directive ${name} given twice (the second is ignored)`);
    else directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function expectExactly(directives, name, sources) {
  const actual = directives.get(name);
  if (!actual) problem(`CSP has no ${name} (expected ${sources.join(" ")})`);
  else if (actual.join(" ") !== sources.join(" ")) problem(`CSP ${name} is "${actual.join(" ")}", expected "${sources.join(" ")}"`);
}

/** No directive allows inline code, eval, wildcards, schemes or other hosts. */
function checkNoLooseSources(page, directives) {
  for (const [name, sources] of directives) {
    for (const source of sources) {
      const keyword = source.startsWith("'");
      if (["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"].includes(source)) problem(`${page}: CSP ${name} allows ${source}`);
      else if (!keyword) problem(`${page}: CSP ${name} allows the scheme, host or wildcard ${source}`);
    }
  }
}
