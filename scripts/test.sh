#!/usr/bin/env bash
# Runs every test: formatting and vet, then unit, integration and fuzz-seed tests against
# DynamoDB Local and the SNS/SQS emulator, which this script installs, starts and stops by PID.
# Extra arguments go to `go test` (e.g. scripts/test.sh -run Store ./shared/store/).
set -euo pipefail
cd "$(dirname "$0")/.."

export PAXSCREEN_RUN_DIR=${PAXSCREEN_RUN_DIR:-$PWD/.local/run-test}
stop() { scripts/emulators.sh stop >&2 || true; }
trap stop EXIT
# An interrupt ends the run (the EXIT trap stops the emulators once), as in scripts/run.sh.
trap 'exit 130' INT
trap 'exit 143' TERM

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.local/*'))
if [[ -n $unformatted ]]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go vet ./...

# The console's browser test (cmd/paxscreen) drives headless Chromium: install the Debian
# package when it is missing and this run includes that test.
needs_browser=$([[ $# -eq 0 || " $* " == *"..."* || " $* " == *cmd/paxscreen* ]] && echo yes || true)
if [[ -n $needs_browser ]] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		echo "test.sh: installing chromium for the console's browser test" >&2
		export DEBIAN_FRONTEND=noninteractive
		if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >&2; then
			echo "test.sh: could not install chromium; the browser test will fail under CI and skip elsewhere" >&2
		fi
	else
		echo "test.sh: chromium is missing and only root with apt-get installs it; the browser test will fail under CI and skip elsewhere" >&2
	fi
fi

scripts/emulators.sh start all
# shellcheck disable=SC1091
. "$PAXSCREEN_RUN_DIR/env"
# One table per run, shared by every package; tests keep apart by unique keys.
export PAXSCREEN_TEST_TABLE=paxscreen-test-$$

if [[ $# -eq 0 ]]; then set -- ./...; fi
# -p 2: two cores; DynamoDB Local is the bottleneck, not the compiler.
go test -count=1 -p 2 -timeout 20m "$@"
