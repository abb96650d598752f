// The service worker: keeps the site working offline after the first visit (workshop rooms with
// poor Wi-Fi). Plain JavaScript, no library. It caches the site's own files only — never a file
// the user gives the page (those are read from disk and never requested from the network) — and
// it never fetches anything outside the site: requests to other origins are not intercepted.
//
// The build (scripts/post-build.mjs) replaces the two placeholders below: FILES lists every file
// of dist/ (relative to this script, so the site works under any path prefix) and VERSION is a
// digest of all of them. A new release therefore changes this script's bytes; the browser, which
// revalidates the script on every visit, installs the new worker, which fills a new cache named
// after the new VERSION and deletes the caches of earlier releases.
//
// Strategy: files whose name carries a content hash (app-<hash>.js, _bg.wasm, .css; Trunk writes
// the 64-bit hash in hex without leading zeros, so up to 16 digits) never
// change, so they are answered from the cache. Every other file (index.html, the worker, the IAM
// catalog, the samples) is fetched from the network first, so an online visitor always gets the
// current release, and answered from the cache when the network fails or takes longer than a
// few seconds.

const VERSION = "__SW_VERSION__";
const FILES = __SW_FILES__;
const CACHE = `iamwb-${VERSION}`;
const NETWORK_TIMEOUT_MS = 4000;
const HASHED = /(^|\/)(app|favicon)-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/;

const scope = new URL(self.registration.scope);
const urlOf = (file) => new URL(file, scope).href;
const cachedUrls = new Set(FILES.map(urlOf));
const indexUrl = urlOf("index.html");

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Files with fixed names come from the server (`reload`), not from an HTTP cache that may
      // hold the previous release's; content-hashed files may come from the HTTP cache, where
      // the first visit just put them (the app's wasm is not downloaded twice).
      const requests = FILES.map((file) => new Request(urlOf(file), { cache: HASHED.test(file) ? "default" : "reload" }));
      await cache.addAll(requests);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("iamwb-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  url.hash = "";
  // Only the exact listed URLs are ever stored. A listed file asked for with a query string
  // (`index.html?anything`) may be answered from the cache when offline, but its answer is never
  // stored: it could be anything, and would replace the page used offline.
  const exact = url.search === "";
  url.search = "";
  // The site's address without a file name is its index.html.
  const key = url.href === scope.href ? indexUrl : url.href;
  if (!cachedUrls.has(key)) return;
  event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request, key, exact) : networkFirst(request, key, exact));
});

async function cacheFirst(request, key, store) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetchAndKeep(cache, request, key, store);
}

async function networkFirst(request, key, store) {
  const cache = await caches.open(CACHE);
  const network = fetchAndKeep(cache, request, key, store);
  // When the cached copy answers first, a late network failure is expected, not an error.
  network.catch(() => {});
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer) return answer;
  } catch {
    // Offline or the server failed: the cached copy below.
  }
  const cached = await cache.match(key);
  if (cached) return cached;
  return network;
}

/** Fetches from the network and, when `store`, keeps a good answer in this release's cache. */
async function fetchAndKeep(cache, request, key, store) {
  const response = await fetch(request);
  if (store && response.ok && response.type === "basic") await cache.put(key, response.clone());
  return response;
}
