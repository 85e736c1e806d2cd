#!/usr/bin/env bash
# Runs the Go tests without starting any emulator, as `go test ./...` does, and ends with one line
# saying how many tests were skipped and why. Plain `go test ./...` prints only "ok" for a package
# whose integration tests skipped (DynamoDB Local or the SNS/SQS emulator not running), which
# reads as if they had passed; `make test` runs them.
# Extra arguments go to `go test` (default ./...).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 ]]; then set -- ./...; fi

rc=0
# -v is what names skipped tests and their reasons; only results, failures and the summary are shown.
go test -v "$@" 2>&1 | awk '
	# go test -v streams the log lines of a test before its result line ("--- FAIL", "--- SKIP"); 
	# those of a subtest may follow it. What a test logged is kept until its result says whether to show it.
	function reason_of(line) { sub(/^ +[^ :]+\.go:[0-9]+: /, "", line); return line }
	/^=== (RUN|PAUSE|CONT|NAME)/ { buf = ""; last = ""; next }
	/^ *--- SKIP: / {
		skipped++
		if (last != "") { why[reason_of(last)]++; after = 0 } else { after = 1 }
		buf = ""; last = ""
		next
	}
	after && /^ +[^ :]+\.go:[0-9]+: / { why[reason_of($0)]++; after = 0; next }
	{ after = 0 }
	/^ *--- PASS: / { buf = ""; last = ""; next }
	/^ *--- FAIL: / { print; printf "%s", buf; buf = ""; last = ""; next }
	/^ +/ { buf = buf $0 "\n"; if ($0 ~ /^ +[^ :]+\.go:[0-9]+: /) last = $0; next }
	/^(ok|FAIL|panic|\?|# )/ || /\[build failed\]/ || /^[^ ]+\.go:[0-9]+:[0-9]+: / { print }
	END {
		if (skipped == 0) { print "no test skipped"; exit }
		n = 0; given = 0
		for (w in why) { list = list (n++ ? "; " : "") why[w] " because " w; given += why[w] }
		if (skipped > given) list = list (n ? "; " : "") (skipped - given) " as subtests or without a reason"
		printf "%d tests skipped: %s\n", skipped, list
	}
' || rc=$?
# With pipefail the status is go test's (awk does not fail).
exit "$rc"
