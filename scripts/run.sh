#!/usr/bin/env bash
# Runs paxscreen on this machine without an AWS account: installs and starts DynamoDB Local and
# the SNS/SQS emulator (both on 127.0.0.1 only), creates the table and topics from template.yaml,
# and serves the HTTP API on http://127.0.0.1:3000 (PAXSCREEN_ADDR to change). The address is
# written to $PAXSCREEN_RUN_DIR/api.addr, where `make demo` reads it. Ctrl-C stops the API and
# every emulator this script started, and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

export PAXSCREEN_RUN_DIR=${PAXSCREEN_RUN_DIR:-$PWD/.local/run}
addr=${PAXSCREEN_ADDR:-127.0.0.1:3000}
stop() {
	# With `make run 2>&1 | tee log`, Ctrl-C ends tee too: what is printed now may have nowhere
	# to go, and stopping must not depend on it.
	trap '' PIPE
	rm -f "$PAXSCREEN_RUN_DIR/api.addr"
	scripts/emulators.sh stop >&2 || true
}
trap stop EXIT
# Ctrl-C is how this is meant to end: a clean stop, not a failure.
trap 'exit 0' INT
trap 'exit 143' TERM

mkdir -p .local/bin
go build -o .local/bin/paxscreen ./cmd/paxscreen
scripts/emulators.sh start all
# shellcheck disable=SC1091
. "$PAXSCREEN_RUN_DIR/env"
echo "$addr" >"$PAXSCREEN_RUN_DIR/api.addr"
.local/bin/paxscreen dev --addr "$addr" "$@"
