#!/usr/bin/env bash
# Ensures the embedded ClickHouse engine (chDB's libchdb.so) is present for Warehouse:Mode=Embedded.
# Target: $CHDB_LIBRARY_PATH if set, else ${XDG_CACHE_HOME:-~/.cache}/modularanalytics/chdb/<version>/libchdb.so,
# which is where the service looks by default. Idempotent: an existing, plausible library is left alone.
# Needs only bash, npm (the registry package ships the prebuilt library) and tar. Prints the library path.
set -euo pipefail

CHDB_VERSION="26.5.3"
PACKAGE="@chdb/lib-linux-x64-gnu@${CHDB_VERSION}"
MIN_BYTES=$((100 * 1024 * 1024))

target="${CHDB_LIBRARY_PATH:-${XDG_CACHE_HOME:-$HOME/.cache}/modularanalytics/chdb/${CHDB_VERSION}/libchdb.so}"

size_of() { stat -c %s "$1" 2>/dev/null || wc -c <"$1"; }

if [[ -f "$target" ]] && (( $(size_of "$target") > MIN_BYTES )); then
  echo "$target"
  exit 0
fi

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "fetch-chdb.sh: ${PACKAGE} is built for linux x86_64 only; set CHDB_LIBRARY_PATH to a libchdb.so for this platform." >&2
  exit 1
fi

command -v npm >/dev/null || { echo "fetch-chdb.sh: npm is required (apt-get install -y npm)." >&2; exit 1; }

target_dir="$(dirname "$target")"
mkdir -p "$target_dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetch-chdb.sh: downloading ${PACKAGE} ..." >&2
tarball="$(cd "$work" && npm pack --silent "$PACKAGE" | tail -n 1)"
tar -xzf "$work/$tarball" -C "$work" package/libchdb.so

size="$(size_of "$work/package/libchdb.so")"
if (( size <= MIN_BYTES )); then
  echo "fetch-chdb.sh: extracted libchdb.so is only ${size} bytes; expected more than ${MIN_BYTES}." >&2
  exit 1
fi

# Stage next to the target so the final rename is atomic on the same filesystem.
staged="$(mktemp "$target_dir/.libchdb.so.XXXXXX")"
mv -f "$work/package/libchdb.so" "$staged"
chmod 0755 "$staged"
mv -f "$staged" "$target"
echo "$target"
