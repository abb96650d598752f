#!/usr/bin/env bash
# Uploads the built site (dist/) to S3 with the right content types and cache headers, then
# (optionally) invalidates the CloudFront paths whose names do not change between releases.
#
#   scripts/deploy-s3.sh BUCKET [PREFIX] [--distribution ID]
#
# Content-hashed files (app-<hash>.js, app-<hash>_bg.wasm, app-<hash>.css, favicon-<hash>.svg)
# are cached for a year; everything else (index.html, worker.js, worker_bg.wasm,
# worker_loader.js, sw.js, privacy pages, iam-catalog.json.gz, samples/) is revalidated on every
# visit. The `aws s3 sync` equivalent, and what each header is for: docs/hosting.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bucket=${1:?usage: scripts/deploy-s3.sh BUCKET [PREFIX] [--distribution ID]}
shift
prefix=""
distribution=""
while [ $# -gt 0 ]; do
  case $1 in
    --distribution) distribution=${2:?--distribution needs an ID}; shift 2 ;;
    *) prefix=${1%/}; shift ;;
  esac
done
[ -f dist/index.html ] || { echo "deploy: build first: trunk build --release" >&2; exit 2; }
target="s3://$bucket/${prefix:+$prefix/}"

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
  # Trunk names hashed files <name>-<16 hex digits>[_bg].<ext>.
  if [[ $1 =~ -[0-9a-f]{16}(_bg)?\.[a-z]+$ ]]; then
    echo "public, max-age=31536000, immutable"
  else
    echo "no-cache"
  fi
}

# Hashed files first, index.html last, so a visitor never gets an index naming missing files.
mapfile -t files < <(cd dist && find . -type f ! -name index.html | sed 's|^\./||' | sort)
files+=(index.html)
for file in "${files[@]}"; do
  aws s3 cp "dist/$file" "$target$file" --content-type "$(content_type "$file")" --cache-control "$(cache_control "$file")" --only-show-errors
done
# Remove files of earlier releases that this one no longer has.
mapfile -t stale < <(aws s3 ls "$target" --recursive | awk '{print $4}' | sed "s|^${prefix:+$prefix/}||" | sort | comm -23 - <(printf '%s\n' "${files[@]}" | sort))
for file in "${stale[@]}"; do
  [ -n "$file" ] && aws s3 rm "$target$file" --only-show-errors
done
if [ -n "$distribution" ]; then
  base="/${prefix:+$prefix/}"
  aws cloudfront create-invalidation --distribution-id "$distribution" \
    --paths "${base}" "${base}index.html" "${base}worker*" "${base}sw.js" "${base}privacy*" "${base}iam-catalog.json.gz" "${base}samples/*" >/dev/null
fi
echo "deploy: uploaded ${#files[@]} files to $target"
