#!/usr/bin/env bash
# Runs the service on its embedded defaults (SQLite + embedded ClickHouse) from a fresh clone.
# Extra arguments go to the service, e.g. `bash build/run.sh --urls http://0.0.0.0:8080`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export CHDB_LIBRARY_PATH=${CHDB_LIBRARY_PATH:-$(bash "$root/build/fetch-chdb.sh" | tail -n 1)}
dotnet build "$root/src/Host/ModularAnalytics.Host/ModularAnalytics.Host.csproj" -c Release -o "$root/artifacts/host" >&2
# data/ sits under the repository root whatever the caller's working directory (Storage__DataDirectory overrides).
export Storage__DataDirectory=${Storage__DataDirectory:-$root/data}
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--urls "http://localhost:5080")
exec dotnet "$root/artifacts/host/ModularAnalytics.Host.dll" "${args[@]}"
