// What the project's Node scripts share about a built site (`dist/`): the content types it is
// served with, the list of its files, and a static server that serves it under a path prefix,
// as from an S3 bucket folder. Used by post-build.mjs, check-dist.mjs, measure-site.mjs,
// bench-wasm.mjs and the end-to-end test.

import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";

export const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".gz": "application/gzip",
};

/** Every file under `root`, as sorted relative paths with forward slashes. */
export function listFiles(root) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Serves the folder `site.root` (read at each request, so a caller may switch it) under `prefix`
 * on 127.0.0.1, on a free port. Resolves to `{ server, origin }`. `headers` are added to every
 * answer (e.g. `cache-control: no-store` for cold-cache measurements).
 */
export function serveSite(site, prefix, headers = {}) {
  const server = createServer((request, response) => {
    const root = resolve(site.root);
    const url = new URL(request.url, "http://localhost");
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404).end("outside the site's prefix");
      return;
    }
    const file = resolve(root, decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html");
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream", ...headers });
    response.end(readFileSync(file));
  });
  return new Promise((ready) =>
    server.listen(0, "127.0.0.1", () => ready({ server, origin: `http://127.0.0.1:${server.address().port}` })),
  );
}
