#!/usr/bin/env bash
# Uploads the built site (dist/) to S3 with the right content types and cache headers, then
# (optionally) invalidates the CloudFront paths whose names do not change between releases.
#
#   scripts/deploy-s3.sh BUCKET [PREFIX] [--prune [--delete-outside-dist]] [--distribution ID]
#
# The site goes to s3://BUCKET/PREFIX/ (s3://BUCKET/ without PREFIX); options may come in any
# order after BUCKET.
#
# Stale keys (keys under the target that this dist/ does not have: files of earlier releases)
# are NOT deleted by default: each is printed as `would delete: KEY` and left in place.
#   --prune                  delete the stale keys under PREFIX/ (and only there: `tools-old/x`
#                            is not under PREFIX `tools`).
#   --delete-outside-dist    needed with --prune at the bucket root (no PREFIX), where the target
#                            is the whole bucket: every key of the bucket that dist/ does not
#                            have is deleted. Without it, --prune at the root exits 2 before
#                            anything is uploaded.
#   --distribution ID        invalidate the fixed names in this CloudFront distribution.
#
# DIST=DIR takes the site from DIR instead of the repository's dist/ (a relative DIR is relative
# to the current directory); the tests (scripts/test-deploy-s3.sh) use it with a stub `aws`.
#
# Content-hashed files (app-<hash>.js, app-<hash>_bg.wasm, app-<hash>.css, favicon-<hash>.svg)
# are cached for a year; everything else (index.html, worker.js, worker_bg.wasm,
# worker_loader.js, sw.js, privacy pages, iam-catalog.json.gz, samples/) is revalidated on every
# visit. The `aws s3 sync` equivalent, and what each header is for: docs/hosting.md.
set -euo pipefail

usage="usage: scripts/deploy-s3.sh BUCKET [PREFIX] [--prune [--delete-outside-dist]] [--distribution ID]"
die_usage() {
  [ $# -gt 0 ] && echo "deploy: $*" >&2
  echo "$usage" >&2
  exit 2
}

if [ -n "${DIST:-}" ]; then
  dist=$(cd "$DIST" 2>/dev/null && pwd) || { echo "deploy: DIST=$DIST is not a directory" >&2; exit 2; }
fi
cd "$(dirname "$0")/.."
dist=${dist:-$PWD/dist}

case ${1:-} in
  -h | --help) echo "$usage"; exit 0 ;;
  "" | -*) die_usage ;;
esac
bucket=$1
shift
prefix=""
have_prefix=""
distribution=""
prune=""
delete_outside_dist=""
while [ $# -gt 0 ]; do
  case $1 in
    --distribution) [ -n "${2:-}" ] || die_usage "--distribution needs an ID"; distribution=$2; shift 2 ;;
    --distribution=*) distribution=${1#--distribution=}; [ -n "$distribution" ] || die_usage "--distribution needs an ID"; shift ;;
    --prune) prune=1; shift ;;
    --delete-outside-dist) delete_outside_dist=1; shift ;;
    -h | --help) echo "$usage"; exit 0 ;;
    -*) die_usage "unknown option: $1" ;;
    *)
      [ -z "$have_prefix" ] || die_usage "unexpected argument: $1 (PREFIX is already '$prefix')"
      have_prefix=1
      prefix=$1
      while [[ $prefix == */ ]]; do prefix=${prefix%/}; done
      while [[ $prefix == /* ]]; do prefix=${prefix#/}; done
      shift ;;
  esac
done
# At the bucket root the target is the whole bucket: refuse to prune it unless asked in so many
# words, and before anything is uploaded.
if [ -n "$prune" ] && [ -z "$prefix" ] && [ -z "$delete_outside_dist" ]; then
  echo "deploy: --prune without a PREFIX would delete every key of bucket '$bucket' that $dist does not have," >&2
  echo "deploy: including other sites and files in it. Give a PREFIX, or add --delete-outside-dist if the" >&2
  echo "deploy: bucket holds this site only. Nothing was uploaded or deleted." >&2
  exit 2
fi
[ -f "$dist/index.html" ] || { echo "deploy: build first: trunk build --release" >&2; exit 2; }
key_prefix=${prefix:+$prefix/}
target="s3://$bucket/$key_prefix"

content_type() {
  case $1 in
    *.html) echo "text/html; charset=utf-8" ;;
    *.js) echo "text/javascript; charset=utf-8" ;;
    *.wasm) echo "application/wasm" ;;
    *.css) echo "text/css; charset=utf-8" ;;
    *.svg) echo "image/svg+xml" ;;
    *.json) echo "application/json" ;;
    *.gz) echo "application/gzip" ;;
    *.md) echo "text/markdown; charset=utf-8" ;;
    *.webmanifest) echo "application/manifest+json" ;;
    *) echo "application/octet-stream" ;;
  esac
}

cache_control() {
  # Trunk names hashed files <name>-<hash>[_bg].<ext>, the 64-bit hash in hex without leading
  # zeros (up to 16 digits; 1 build in 16 has 15).
  if [[ $1 =~ ^(app|favicon)-[0-9a-f]{8,16}(_bg)?\.[a-z]+$ ]]; then
    echo "public, max-age=31536000, immutable"
  else
    echo "no-cache"
  fi
}

# Hashed files first, index.html last, so a visitor never gets an index naming missing files.
mapfile -t files < <(cd "$dist" && find . -type f ! -name index.html | sed 's|^\./||' | LC_ALL=C sort)
files+=(index.html)
for file in "${files[@]}"; do
  aws s3 cp "$dist/$file" "$target$file" --content-type "$(content_type "$file")" --cache-control "$(cache_control "$file")" --only-show-errors
done

# Stale keys: keys under the target that this release does not have. `--query 'Contents[].[Key]'
# --output text` prints one key per line (spaces, even tabs, stay inside the key); an empty
# listing prints `None`, which is skipped (so a key named `None` at the bucket root is never
# stale). The listing is captured first so that a failing `aws` stops the script (set -e).
declare -A uploaded=()
for file in "${files[@]}"; do uploaded[$file]=1; done
list_args=(--bucket "$bucket")
[ -z "$key_prefix" ] || list_args+=(--prefix "$key_prefix")
listing=$(aws s3api list-objects-v2 "${list_args[@]}" --query 'Contents[].[Key]' --output text)
stale=()
while IFS= read -r key; do
  if [ -z "$key" ] || [ "$key" = None ]; then continue; fi
  # Only keys under PREFIX/ (the listing already asks for these; checked again here, since a
  # delete outside it is the one mistake this script must not make). PREFIX/ itself (a "folder"
  # object) is not a release file.
  [[ $key == "$key_prefix"?* ]] || continue
  rel=${key#"$key_prefix"}
  [ -n "${uploaded[$rel]+1}" ] || stale+=("$key")
done <<<"$listing"

if [ -n "$prune" ]; then
  for key in "${stale[@]}"; do
    aws s3 rm "s3://$bucket/$key" --only-show-errors
    echo "deleted: $key"
  done
else
  for key in "${stale[@]}"; do echo "would delete: $key"; done
fi

if [ -n "$distribution" ]; then
  base="/$key_prefix"
  aws cloudfront create-invalidation --distribution-id "$distribution" \
    --paths "${base}" "${base}index.html" "${base}worker*" "${base}sw.js" "${base}privacy*" "${base}iam-catalog.json.gz" "${base}samples/*" >/dev/null
fi
echo "deploy: uploaded ${#files[@]} files to $target"
if [ -n "$prune" ]; then
  echo "deploy: deleted ${#stale[@]} stale keys under $target"
elif [ ${#stale[@]} -gt 0 ]; then
  echo "deploy: kept ${#stale[@]} stale keys under $target (listed above); --prune removes them"
fi
