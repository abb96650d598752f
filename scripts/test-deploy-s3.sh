#!/usr/bin/env bash
# Tests scripts/deploy-s3.sh against a stub `aws` (no network, no AWS account, no build):
# a fake dist/ in a temporary directory (DIST=...), a stub `aws` first on PATH that logs each
# call (one line per call, arguments separated by tabs) and answers the object listing from a
# fixture, then one check per case. Ends with `N passed, M failed`; exits 1 if any failed.
#
#   scripts/test-deploy-s3.sh
set -euo pipefail
cd "$(dirname "$0")/.."
deploy=$PWD/scripts/deploy-s3.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- the fake dist/ -------------------------------------------------------------------------
hash=0123456789abcdef
mkdir -p "$tmp/dist/samples" "$tmp/bin"
for f in index.html "app-$hash.js" "app-${hash}_bg.wasm" sw.js "samples/my policy.json"; do
  echo "$f" >"$tmp/dist/$f"
done

# --- the stub aws -----------------------------------------------------------------------------
# Logs argv (tab-separated) to $AWS_STUB_LOG; `s3api list-objects-v2` prints $AWS_STUB_LISTING
# as is, one key per line like `--query 'Contents[].[Key]' --output text`. The stub deliberately
# ignores --prefix and returns the whole bucket: the deploy script must not touch keys outside
# its PREFIX/ even if a listing contains them.
cat >"$tmp/bin/aws" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
(IFS=$'\t'; printf '%s\n' "$*") >>"$AWS_STUB_LOG"
if [ "${1:-}" = s3api ] && [ "${2:-}" = list-objects-v2 ]; then
  cat "$AWS_STUB_LISTING"
fi
STUB
chmod +x "$tmp/bin/aws"

# --- the listing fixture ------------------------------------------------------------------------
# Prefix `tools`: current files (one with a space), two stale keys under tools/ (one with a
# space), the `tools/` folder object, keys outside the prefix (one sharing its first letters),
# and one current file at the bucket root.
cat >"$tmp/listing.txt" <<EOF
index.html
other/readme.txt
tools-old/app.js
tools/
tools/app-$hash.js
tools/app-${hash}_bg.wasm
tools/app-fedcba9876543210.js
tools/index.html
tools/old notes.md
tools/samples/my policy.json
tools/sw.js
EOF
echo None >"$tmp/empty-listing.txt"

# Stale keys under tools/ and, at the bucket root, in the whole bucket.
stale_prefix=$'tools/app-fedcba9876543210.js\ntools/old notes.md'
stale_root=$'other/readme.txt\ntools-old/app.js\ntools/\ntools/app-0123456789abcdef.js\ntools/app-0123456789abcdef_bg.wasm\ntools/app-fedcba9876543210.js\ntools/index.html\ntools/old notes.md\ntools/samples/my policy.json\ntools/sw.js'

# --- helpers --------------------------------------------------------------------------------------
passed=0
failed=0
problems=()

# run LISTING ARGS...: runs the deploy script; sets rc, and leaves out/err/log in $tmp.
run() {
  local listing=$1
  shift
  : >"$tmp/log"
  rc=0
  PATH="$tmp/bin:$PATH" DIST="$tmp/dist" AWS_STUB_LOG="$tmp/log" AWS_STUB_LISTING="$listing" \
    "$deploy" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

fail() { problems+=("$*"); }

# calls SUBCOMMAND...: the logged calls starting with these words (tab-joined).
calls() {
  local want
  want=$(IFS=$'\t'; printf '%s' "$*")
  awk -v w="$want"$'\t' 'index($0, w) == 1' "$tmp/log"
}

# The keys of the `aws s3 rm` calls, sorted, one a line.
rm_keys() {
  calls s3 rm | while IFS=$'\t' read -r _ _ url _; do
    printf '%s\n' "${url#s3://bkt/}"
  done | LC_ALL=C sort
}

would_delete() { sed -n 's/^would delete: //p' "$tmp/out" | LC_ALL=C sort; }

expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1 (stderr: $(head -c 300 "$tmp/err"))"; }
expect_eq() { # WHAT GOT WANT
  [ "$2" = "$3" ] || fail "$1: got [${2//$'\n'/ | }], expected [${3//$'\n'/ | }]"
}

finish() { # NAME
  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok   $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1"
    printf '       %s\n' "${problems[@]}"
  fi
  problems=()
}

# --- the cases ------------------------------------------------------------------------------------

run "$tmp/listing.txt" bkt tools
expect_rc 0
expect_eq "rm calls" "$(calls s3 rm)" ""
expect_eq "would delete" "$(would_delete)" "$stale_prefix"
expect_eq "listing call" "$(calls s3api list-objects-v2)" \
  $'s3api\tlist-objects-v2\t--bucket\tbkt\t--prefix\ttools/\t--query\tContents[].[Key]\t--output\ttext'
expect_eq "last line" "$(tail -n 1 "$tmp/out")" \
  "deploy: kept 2 stale keys under s3://bkt/tools/ (listed above); --prune removes them"
expect_eq "create-invalidation calls" "$(calls cloudfront | wc -l)" 0
finish "default: nothing deleted, 'would delete:' for exactly the stale keys under tools/"

run "$tmp/listing.txt" bkt tools
expect_rc 0
expect_eq "cp targets in order" "$(calls s3 cp | cut -f4)" \
  $'s3://bkt/tools/app-0123456789abcdef.js\ns3://bkt/tools/app-0123456789abcdef_bg.wasm\ns3://bkt/tools/samples/my policy.json\ns3://bkt/tools/sw.js\ns3://bkt/tools/index.html'
expect_eq "hashed js upload" "$(calls s3 cp | sed -n 1p)" \
  $'s3\tcp\t'"$tmp/dist/app-$hash.js"$'\ts3://bkt/tools/app-0123456789abcdef.js\t--content-type\ttext/javascript; charset=utf-8\t--cache-control\tpublic, max-age=31536000, immutable\t--only-show-errors'
expect_eq "hashed wasm upload" "$(calls s3 cp | sed -n 2p | cut -f5-)" \
  $'--content-type\tapplication/wasm\t--cache-control\tpublic, max-age=31536000, immutable\t--only-show-errors'
expect_eq "sample upload" "$(calls s3 cp | sed -n 3p | cut -f5-)" \
  $'--content-type\tapplication/json\t--cache-control\tno-cache\t--only-show-errors'
expect_eq "index upload" "$(calls s3 cp | sed -n 5p)" \
  $'s3\tcp\t'"$tmp/dist/index.html"$'\ts3://bkt/tools/index.html\t--content-type\ttext/html; charset=utf-8\t--cache-control\tno-cache\t--only-show-errors'
finish "upload: hashed files first, index.html last, content types and cache headers"

run "$tmp/listing.txt" bkt --prune tools/
expect_rc 0
expect_eq "rm keys" "$(rm_keys)" "$stale_prefix"
expect_eq "rm call" "$(calls s3 rm | grep -F 'old notes')" $'s3\trm\ts3://bkt/tools/old notes.md\t--only-show-errors'
expect_eq "would delete" "$(would_delete)" ""
expect_eq "last line" "$(tail -n 1 "$tmp/out")" "deploy: deleted 2 stale keys under s3://bkt/tools/"
finish "--prune with PREFIX: rm exactly the stale keys under tools/, nothing outside"

run "$tmp/listing.txt" bkt --prune
expect_rc 2
expect_eq "aws calls" "$(cat "$tmp/log")" ""
grep -q -- '--delete-outside-dist' "$tmp/err" || fail "stderr does not mention --delete-outside-dist: $(cat "$tmp/err")"
finish "--prune at the bucket root without --delete-outside-dist: exit 2, no aws call"

run "$tmp/listing.txt" bkt --delete-outside-dist --prune
expect_rc 0
expect_eq "listing call" "$(calls s3api list-objects-v2)" \
  $'s3api\tlist-objects-v2\t--bucket\tbkt\t--query\tContents[].[Key]\t--output\ttext'
expect_eq "rm keys" "$(rm_keys)" "$stale_root"
expect_eq "root index.html kept" "$(calls s3 rm | grep -c $'\ts3://bkt/index.html\t' || true)" 0
finish "--prune --delete-outside-dist at the bucket root: stale keys deleted bucket-wide"

run "$tmp/listing.txt" bkt
expect_rc 0
expect_eq "rm calls" "$(calls s3 rm)" ""
expect_eq "would delete" "$(would_delete)" "$stale_root"
finish "default at the bucket root: nothing deleted, every stale key of the bucket listed"

run "$tmp/listing.txt" bkt --distribution E123ABC tools
expect_rc 0
expect_eq "create-invalidation calls" "$(calls cloudfront create-invalidation)" \
  $'cloudfront\tcreate-invalidation\t--distribution-id\tE123ABC\t--paths\t/tools/\t/tools/index.html\t/tools/worker*\t/tools/sw.js\t/tools/privacy*\t/tools/iam-catalog.json.gz\t/tools/samples/*'
expect_eq "rm calls" "$(calls s3 rm)" ""
finish "--distribution ID: one create-invalidation call with the prefixed paths"

for args in "bkt tools --frobnicate" "bkt --frobnicate" "bkt -x tools"; do
  option=${args#* -}
  option=-${option%% *}
  # shellcheck disable=SC2086 # split on purpose
  run "$tmp/listing.txt" $args
  expect_rc 2
  expect_eq "aws calls ($args)" "$(cat "$tmp/log")" ""
  grep -qxF -- "deploy: unknown option: $option" "$tmp/err" || fail "($args) stderr does not name $option: $(cat "$tmp/err")"
  grep -q '^usage: scripts/deploy-s3.sh BUCKET' "$tmp/err" || fail "($args) no usage line on stderr: $(cat "$tmp/err")"
done
finish "unknown option: exit 2 with the usage line, no aws call"

run "$tmp/listing.txt" bkt tools extra
expect_rc 2
expect_eq "aws calls" "$(cat "$tmp/log")" ""
finish "a second PREFIX: exit 2, no aws call"

run "$tmp/empty-listing.txt" bkt --prune --delete-outside-dist
expect_rc 0
expect_eq "rm calls" "$(calls s3 rm)" ""
expect_eq "last line" "$(tail -n 1 "$tmp/out")" "deploy: deleted 0 stale keys under s3://bkt/"
finish "empty listing ('None') at the bucket root: nothing stale"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
