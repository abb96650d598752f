// The service worker's caching rules, checked in Node against fakes of the worker's globals
// (`self`, `caches`, `fetch`): which requests it answers, and what it stores. Run with
// `node --test tests/e2e/sw.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, "../../static/sw.js"), "utf8")
  .replace('"__SW_VERSION__"', '"v1"')
  .replace("__SW_FILES__", JSON.stringify(["index.html", "app-0123456789abcdef.js", "worker.js"]));
const scope = "https://example.test/tools/iam-workbench/";

/** Loads sw.js with fake globals; returns its fetch handler and what it stored. */
function load({ online = true } = {}) {
  const listeners = {};
  const stored = new Map();
  const cache = {
    put: async (key, response) => stored.set(typeof key === "string" ? key : key.url, response),
    match: async (key) => stored.get(key),
    addAll: async () => {},
  };
  const context = {
    URL,
    Request: class {
      constructor(url) {
        this.url = url;
      }
    },
    setTimeout,
    Promise,
    Set,
    self: {
      registration: { scope },
      addEventListener: (type, listener) => (listeners[type] = listener),
      skipWaiting: async () => {},
      clients: { claim: async () => {} },
    },
    caches: { open: async () => cache, keys: async () => [], delete: async () => true },
    fetch: async (request) => {
      if (!online) throw new TypeError("offline");
      return { ok: true, type: "basic", url: request.url, body: `network answer for ${request.url}`, clone() { return { ...this }; } };
    },
  };
  vm.runInNewContext(source, context);
  /** Dispatches a fetch event; resolves to the answer, or undefined when not intercepted. */
  const fetchEvent = async (url) => {
    let answer;
    listeners.fetch({ request: { method: "GET", url }, respondWith: (promise) => (answer = promise) });
    return answer === undefined ? undefined : await answer;
  };
  return { fetchEvent, stored };
}

test("a listed file is answered and stored under its own URL", async () => {
  const { fetchEvent, stored } = load();
  const answer = await fetchEvent(`${scope}index.html`);
  assert.equal(answer.body, `network answer for ${scope}index.html`);
  assert.deepEqual([...stored.keys()], [`${scope}index.html`]);
});

test("the site's address is its index.html", async () => {
  const { fetchEvent, stored } = load();
  await fetchEvent(scope);
  assert.deepEqual([...stored.keys()], [`${scope}index.html`]);
});

test("regression: a query string never replaces the page kept for offline use", async () => {
  const { fetchEvent, stored } = load();
  await fetchEvent(`${scope}index.html`);
  const kept = stored.get(`${scope}index.html`);
  const answer = await fetchEvent(`${scope}index.html?anything=<script>`);
  assert.equal(answer.body, `network answer for ${scope}index.html?anything=<script>`, "answered from the network");
  assert.equal(stored.get(`${scope}index.html`), kept, "the stored page is the one fetched without a query");
  assert.equal(stored.size, 1);
  await fetchEvent(`${scope}?x=1`);
  assert.equal(stored.get(`${scope}index.html`), kept);
});

test("offline, a listed file with a query string is answered from the cache", async () => {
  const online = load();
  await online.fetchEvent(`${scope}index.html`);
  const { fetchEvent, stored } = load({ online: false });
  for (const [key, value] of online.stored) stored.set(key, value);
  const answer = await fetchEvent(`${scope}index.html?lang=ja`);
  assert.equal(answer.body, `network answer for ${scope}index.html`);
});

test("files not listed, and other origins, are not intercepted", async () => {
  const { fetchEvent, stored } = load();
  assert.equal(await fetchEvent(`${scope}secret.json`), undefined);
  assert.equal(await fetchEvent("https://elsewhere.test/tools/iam-workbench/index.html"), undefined);
  assert.equal(stored.size, 0);
});
