#!/usr/bin/env bash
# Ensures the dashboard's charting library (Chart.js, from npm, pinned and integrity-checked) is present.
# Keeps it in ${XDG_CACHE_HOME:-~/.cache}/modularanalytics/chartjs/<version>/chart.umd.min.js and, given a path,
# copies it there too. The dashboard build embeds the file and the host serves it itself: no CDN at run time.
# Prints the file path.
set -euo pipefail

CHARTJS_VERSION="4.5.1"
INTEGRITY="sha512-GIjfiT9dbmHRiYi6Nl2yFCq7kkwdkp1W/lp2J99rX0yo9tgJGn3lKQATztIjb5tVtevcBtIdICNWqlq5+E8/Pw=="

cache="${XDG_CACHE_HOME:-$HOME/.cache}/modularanalytics/chartjs/${CHARTJS_VERSION}/chart.umd.min.js"
copy="${1:-}"

current() { [[ -s "$1" ]] && head -c 200 "$1" | grep -q "Chart.js v${CHARTJS_VERSION}\$"; }

deliver() {
  if [[ -n "$copy" ]]; then
    if ! current "$copy" || ! cmp -s "$cache" "$copy"; then
      mkdir -p "$(dirname "$copy")"
      cp -f "$cache" "$copy"
    fi
    echo "$copy"
  else
    echo "$cache"
  fi
}

if current "$cache"; then
  deliver
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-chartjs.sh: npm is required (apt-get install -y npm)." >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-chartjs.sh: downloading chart.js@${CHARTJS_VERSION} ..." >&2
tarball="$(cd "$work" && npm pack --silent "chart.js@${CHARTJS_VERSION}" | tail -n 1)"
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w 0)"
if [[ "$actual" != "$INTEGRITY" ]]; then
  echo "fetch-chartjs.sh: integrity mismatch for chart.js@${CHARTJS_VERSION}: got $actual" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work" package/dist/chart.umd.min.js

mkdir -p "$(dirname "$cache")"
staged="$(mktemp "$(dirname "$cache")/.chart.XXXXXX")"
mv -f "$work/package/dist/chart.umd.min.js" "$staged"
chmod 0644 "$staged"
mv -f "$staged" "$cache"
deliver
