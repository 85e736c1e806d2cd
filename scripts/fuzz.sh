#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_TIME (default 60s) and records the durations and findings in
# docs/SECURITY.md. A failing target leaves its crasher in the package's testdata/fuzz and exits
# non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZ_TIME:-60s}
targets=(
	shared/manifest:FuzzDecodeJSON shared/manifest:FuzzDecodeJSONMatchesEncodingJSON shared/manifest:FuzzDecodeCSV shared/mrz:FuzzParse shared/mrz:FuzzCompare
	shared/paxlst:FuzzTokenize shared/paxlst:FuzzDecode shared/watchlist:FuzzParseUN shared/watchlist:FuzzParseOFAC
	shared/watchlist:FuzzLoad shared/names:FuzzNormalize shared/aviation:FuzzValidRegistration
	shared/aviation:FuzzValidAirport shared/aviation:FuzzValidICAOType shared/country:FuzzReason
	shared/httpapi:FuzzDecodeJSONIsOneValue shared/store:FuzzReadCursor shared/organisation:FuzzCheck
	shared/spreadsheet:FuzzWriterAndLine
	shared/watchlist:FuzzOrgName shared/watchlist:FuzzLoadEntities
)
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
{
	echo "Last run: $(date -u +%Y-%m-%d), \`FUZZ_TIME=$fuzztime scripts/fuzz.sh\` on $(nproc) cores ($(go version | cut -d' ' -f3))."
	echo
	echo "| target | duration | executions | findings |"
	echo "|---|---|---|---|"
} >"$report"
for t in "${targets[@]}"; do
	pkg=${t%%:*} name=${t##*:}
	echo "fuzz: $pkg $name for $fuzztime" >&2
	if out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "./$pkg/" 2>&1); then
		finding=none
	else
		finding="**failure** (see ./$pkg/testdata/fuzz/$name)"
		status=1
	fi
	execs=$(grep -oE 'execs: [0-9]+' <<<"$out" | tail -1 | grep -oE '[0-9]+' || echo '?')
	echo "| $pkg $name | $fuzztime | $execs | $finding |" >>"$report"
done
python3 - "$report" <<'PY'
import re, sys
doc = open("docs/SECURITY.md").read()
table = open(sys.argv[1]).read()
start = doc.index("<!-- fuzz-results -->")
end = doc.find("\n## ", start)
doc = doc[:start] + "<!-- fuzz-results -->\n" + table + doc[end:]
open("docs/SECURITY.md", "w").write(doc)
PY
exit $status
