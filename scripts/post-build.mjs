// Trunk post-build hook (one hook: Trunk runs the hooks of a stage concurrently, and the second
// step needs the first one's output). Run by Trunk with TRUNK_STAGING_DIR set; also usable as
// `node scripts/post-build.mjs path/to/dist`.
//
// 0. Subresource Integrity for the app's wasm: the loader fetches it with the digest Trunk
//    computed (see below).
// 1. Content-Security-Policy: computes the sha256 of every inline <script> in index.html
//    (Trunk's module loader, and the auto-reload script under `trunk serve`) and writes them
//    into the CSP meta tag in place of __INLINE_SCRIPT_HASHES__, so the page needs no
//    'unsafe-inline'.
// 2. Service worker: writes the list of the site's files and a digest of their contents into
//    sw.js (in place of __SW_FILES__ and __SW_VERSION__), so the worker caches exactly this
//    release and a new release is a new sw.js (see static/sw.js).
//
// scripts/check-dist.mjs verifies the result.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "./lib/site.mjs";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const log = (message) => console.error(`post-build: ${message}`);

// 0. The loader fetches the app's wasm with its integrity digest. Trunk puts the digest on the
//    wasm's <link rel="preload" as="fetch">, but browsers ignore integrity on such preloads
//    (Chromium says so in the console), and the loader's own fetch carries none: without this,
//    nothing would check the wasm. (The JavaScript is checked: its modulepreload carries one.)
const indexFile = join(dir, "index.html");
let html = readFileSync(indexFile, "utf8");
for (const link of html.matchAll(/<link\b[^>]*\brel="preload"[^>]*>/g)) {
  const href = link[0].match(/\bhref="([^"]+_bg\.wasm)"/)?.[1];
  const integrity = link[0].match(/\bintegrity="([^"]+)"/)?.[1];
  if (!href || !integrity) continue;
  const plain = `module_or_path: '${href}'`;
  if (html.includes(plain)) {
    html = html.replace(plain, `module_or_path: fetch('${href}', { integrity: '${integrity}' })`);
    log(`the loader fetches ${href} with its integrity digest`);
  }
}

// 1. The inline scripts' hashes into the CSP.
if (html.includes("__INLINE_SCRIPT_HASHES__")) {
  const hashes = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const digest = createHash("sha256").update(match[1], "utf8").digest("base64");
    hashes.push(`'sha256-${digest}'`);
  }
  html = html.replace("__INLINE_SCRIPT_HASHES__", [...new Set(hashes)].join(" "));
  writeFileSync(indexFile, html);
  log(`${hashes.length} inline script(s) hashed into the CSP of ${indexFile}`);
} else {
  log(`${indexFile} has no __INLINE_SCRIPT_HASHES__ placeholder (already processed?)`);
}

// 2. The service worker's file list and version.
const swFile = join(dir, "sw.js");
if (existsSync(swFile)) {
  let sw = readFileSync(swFile, "utf8");
  if (sw.includes("__SW_FILES__")) {
    const files = listFiles(dir).filter((file) => file !== "sw.js");
    const digest = createHash("sha256");
    for (const file of files) digest.update(file).update("\0").update(readFileSync(join(dir, file))).update("\0");
    const version = digest.digest("hex").slice(0, 16);
    sw = sw.replace('"__SW_VERSION__"', JSON.stringify(version)).replace("__SW_FILES__", JSON.stringify(files, null, 2));
    writeFileSync(swFile, sw);
    log(`sw.js caches ${files.length} files as version ${version}`);
  } else {
    log(`${swFile} has no __SW_FILES__ placeholder (already processed?)`);
  }
}

