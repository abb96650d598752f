#!/usr/bin/env node
// Generates crates/iam-engine/data/aws-operation-map.tsv.gz, AWS's own operation-to-action map (the
// Service Reference's `AuthorizedActions`) in the compact form the engine embeds: only the operations
// of services the IAM catalog knows, and only those whose list is not simply the operation's own name
// (the mapping's default rule gives those). See docs/mapping.md §"AWS's operation map".
//
// Input: the reference file, `service:Operation <TAB> action,action,...` (keys with the IAM prefix or
// the SDK service name; provenance in its `#` header). It is not copied into the repository.
//
// Usage (Node 20, no npm dependencies):
//   node scripts/gen-operation-map.mjs                     # reads ../shared/reference/mappings/...tsv
//   node scripts/gen-operation-map.mjs --reference FILE [--out FILE]
//   node scripts/gen-operation-map.mjs --check             # fails if the committed file differs
//
// Output, gzip level 9 without a timestamp (the same input gives the same bytes), UTF-8 text:
//   # aws-operation-map/1
//   # date: 2026-07-25
//   # source: ...
//   prefix <TAB> Operation <TAB> actions
// where an action without `:` belongs to the row's prefix. Rows are sorted by prefix, then operation.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const FORMAT = 'aws-operation-map/1';
const REFERENCE_NAME = 'aws-service-reference-operations-2026-07-25.tsv';
// The map rides in the wasm binary: keep it small beside the catalog's 400 KB budget.
const BUDGET_BYTES = 80 * 1024;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultReference = path.join(repoRoot, '..', 'shared', 'reference', 'mappings', REFERENCE_NAME);
const defaultOut = path.join(repoRoot, 'crates/iam-engine/data/aws-operation-map.tsv.gz');
const catalogFile = path.join(repoRoot, 'crates/iam-engine/data/iam-catalog.json.gz');

function fail(message) {
  console.error(`gen-operation-map: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { reference: defaultReference, out: defaultOut, check: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--reference') args.reference = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--check') args.check = true;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/gen-operation-map.mjs [--reference FILE] [--out FILE] [--check]');
      process.exit(0);
    } else fail(`unknown argument ${flag}`);
  }
  return args;
}

// The IAM prefixes the catalog knows (each service is a positional array: prefix first).
function catalogPrefixes() {
  const catalog = JSON.parse(zlib.gunzipSync(fs.readFileSync(catalogFile)).toString('utf8'));
  return new Set(catalog.services.map((service) => service[0].toLowerCase()));
}

function generate(referenceText, prefixes) {
  const date = (REFERENCE_NAME.match(/(\d{4}-\d{2}-\d{2})/) || [])[1];
  const rows = [];
  let seen = 0;
  let ownName = 0;
  for (const [index, line] of referenceText.split('\n').entries()) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [key, list, extra] = line.split('\t');
    if (list === undefined || extra !== undefined) fail(`line ${index + 1}: expected two tab-separated columns`);
    const colon = key.indexOf(':');
    if (colon <= 0) fail(`line ${index + 1}: key ${JSON.stringify(key)} is not service:Operation`);
    const prefix = key.slice(0, colon);
    const operation = key.slice(colon + 1);
    if (!prefixes.has(prefix.toLowerCase())) continue;
    seen++;
    const actions = [...new Set(list.split(',').map((action) => action.trim()).filter(Boolean))].sort();
    for (const action of actions) {
      if (!/^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/.test(action)) fail(`line ${index + 1}: ${JSON.stringify(action)} is not service:Action`);
    }
    if (actions.length === 0) continue;
    if (actions.length === 1 && actions[0].toLowerCase() === key.toLowerCase()) {
      ownName++;
      continue;
    }
    const written = actions.map((action) => (action.toLowerCase().startsWith(`${prefix.toLowerCase()}:`) ? action.slice(prefix.length + 1) : action));
    rows.push(`${prefix}\t${operation}\t${written.join(',')}`);
  }
  rows.sort();
  const header = [
    `# ${FORMAT}`,
    `# date: ${date}`,
    '# source: AWS Service Reference (programmatic service authorization reference), AuthorizedActions per operation;',
    '# operations of the services in iam-catalog.json.gz whose list is not simply the operation\'s own name.',
  ];
  const text = `${header.join('\n')}\n${rows.join('\n')}\n`;
  return { text, seen, ownName, rows: rows.length };
}

const args = parseArgs(process.argv.slice(2));
if (!fs.existsSync(args.reference)) fail(`no reference file at ${args.reference} (give --reference FILE)`);
const { text, seen, ownName, rows } = generate(fs.readFileSync(args.reference, 'utf8'), catalogPrefixes());
const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
console.error(
  `gen-operation-map: ${seen} operations of catalog services; ${ownName} simply their own name; ${rows} rows written; ` +
    `${text.length} bytes, ${gz.length} bytes gzip (budget ${BUDGET_BYTES})`,
);
if (gz.length > BUDGET_BYTES) fail(`${gz.length} bytes gzip is over the budget of ${BUDGET_BYTES}`);
if (args.check) {
  const committed = fs.existsSync(args.out) ? zlib.gunzipSync(fs.readFileSync(args.out)).toString('utf8') : '';
  if (committed !== text) fail(`${path.relative(repoRoot, args.out)} is not what the reference generates; run node scripts/gen-operation-map.mjs`);
  console.error('gen-operation-map: the committed file is up to date');
} else {
  fs.writeFileSync(args.out, gz);
  console.error(`gen-operation-map: wrote ${path.relative(repoRoot, args.out)}`);
}
