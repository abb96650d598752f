// Trunk post-build hook: computes the sha256 of every inline <script> in the staged index.html
// (Trunk's module loader, and the auto-reload script under `trunk serve`) and writes them into
// the Content-Security-Policy meta tag in place of __INLINE_SCRIPT_HASHES__, so the page needs no
// 'unsafe-inline'. Run by Trunk with TRUNK_STAGING_DIR set; also usable as
// `node scripts/csp-hash.mjs path/to/index.html`.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file = process.argv[2] ?? join(process.env.TRUNK_STAGING_DIR ?? "dist", "index.html");
let html = readFileSync(file, "utf8");
if (!html.includes("__INLINE_SCRIPT_HASHES__")) {
  console.error(`csp-hash: ${file} has no __INLINE_SCRIPT_HASHES__ placeholder (already processed?)`);
  process.exit(0);
}
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = createHash("sha256").update(match[1], "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}
html = html.replace("__INLINE_SCRIPT_HASHES__", [...new Set(hashes)].join(" "));
writeFileSync(file, html);
console.error(`csp-hash: ${hashes.length} inline script(s) hashed into the CSP of ${file}`);
