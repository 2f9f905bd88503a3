#!/usr/bin/env bash
# Sets up, builds and runs SalikChat with an embedded SQLite database in ./data.
#   ./scripts/run.sh          start the app at http://localhost:8080 (SALIK_PORT to change)
#   ./scripts/run.sh --demo   also fill an empty database with demo data and print the sign-ins
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
export SALIK_WEB_ROOT="${SALIK_WEB_ROOT:-$ROOT/build/web/dist}"
export SALIK_DATA_DIR="${SALIK_DATA_DIR:-$ROOT/data}"
mkdir -p "$SALIK_DATA_DIR"
exec "$ROOT/build/native/salik-server" "$@"
