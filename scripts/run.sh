#!/usr/bin/env bash
# Runs paxscreen on this machine without an AWS account: installs and starts DynamoDB Local,
# creates the table from template.yaml, and serves the HTTP API on http://127.0.0.1:3000
# (PAXSCREEN_ADDR to change). Ctrl-C stops the API and every emulator this script started.
set -euo pipefail
cd "$(dirname "$0")/.."

export PAXSCREEN_RUN_DIR=${PAXSCREEN_RUN_DIR:-$PWD/.local/run}
stop() { scripts/emulators.sh stop >&2 || true; }
trap stop EXIT
trap 'exit 130' INT TERM

mkdir -p .local/bin
go build -o .local/bin/paxscreen ./cmd/paxscreen
scripts/emulators.sh start all
# shellcheck disable=SC1091
. "$PAXSCREEN_RUN_DIR/env"
.local/bin/paxscreen dev --addr "${PAXSCREEN_ADDR:-127.0.0.1:3000}" "$@"
