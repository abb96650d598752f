#!/usr/bin/env node
// Writes the pathological inputs of issue 7 into a folder (default bench-data/pathological):
//   events-2m.json        2,000,000 short CloudTrail records (1,000 principals) in one {"Records":[…]}
//   principals-100k.json  100,000 records, each from a different IAM user
//   string-50mb.json      a record whose userAgent is a 50 MB string, then an ordinary record
//   deep.json             a record nested 1,000,000 levels deep, then an ordinary record
// Each must end in a result or a clear problem (never a crash or a frozen tab); `scripts/bench.sh
// --pathological` reads them natively and in headless Chromium. Deterministic; existing files are
// kept.
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const out = resolve(process.argv[2] ?? "bench-data/pathological");
mkdirSync(out, { recursive: true });

const actions = [
  ["s3.amazonaws.com", "ListBuckets"],
  ["sqs.amazonaws.com", "ListQueues"],
  ["ec2.amazonaws.com", "DescribeInstances"],
  ["iam.amazonaws.com", "ListRoles"],
  ["lambda.amazonaws.com", "ListFunctions20150331"],
  ["dynamodb.amazonaws.com", "ListTables"],
];

function record(index, user, userAgent = "aws-cli/2.15.0") {
  const [source, name] = actions[index % actions.length];
  const second = index % 86400;
  const time = `2026-03-${String(1 + (Math.floor(index / 86400) % 28)).padStart(2, "0")}T${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}Z`;
  return `{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/${user}","accountId":"111122223333","userName":"${user}"},"eventTime":"${time}","eventSource":"${source}","eventName":"${name}","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.${index % 250}","userAgent":"${userAgent}","eventID":"p-${index}","eventType":"AwsApiCall","recipientAccountId":"111122223333"}`;
}

/// Writes `parts()` (an iterator of strings) to a file, respecting back-pressure.
async function write(name, parts) {
  const path = join(out, name);
  if (existsSync(path)) return;
  const stream = createWriteStream(path + ".part");
  for (const part of parts()) {
    if (!stream.write(part)) await new Promise((drain) => stream.once("drain", drain));
  }
  await new Promise((done) => stream.end(done));
  const { renameSync } = await import("node:fs");
  renameSync(path + ".part", path);
  console.log(`wrote ${path}`);
}

await write("events-2m.json", function* () {
  yield '{"Records":[';
  for (let index = 0; index < 2_000_000; index++) {
    yield (index ? "," : "") + record(index, `user-${index % 1000}`);
  }
  yield "]}";
});
await write("principals-100k.json", function* () {
  yield '{"Records":[';
  for (let index = 0; index < 100_000; index++) {
    yield (index ? "," : "") + record(index, `user-${index}`);
  }
  yield "]}";
});
await write("string-50mb.json", function* () {
  yield '{"Records":[';
  yield record(0, "alice", "x".repeat(50 * 1024 * 1024));
  yield ",";
  yield record(1, "bob");
  yield "]}";
});
await write("deep.json", function* () {
  const depth = 1_000_000;
  yield '{"Records":[';
  yield '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  yield ",";
  yield record(1, "bob");
  yield "]}";
});
