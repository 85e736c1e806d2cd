package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two sources listing the same person under variant spellings, as UN and OFAC do.
const (
	listA = `{"source":"ALPHA","entries":[{"id":"A1","names":[{"full":"ERIKSSON, Anna Maria"}],"datesOfBirth":["1974-08-12"]}]}`
	listB = `{"source":"BETA","entries":[{"id":"B7","names":[{"full":"ERIKSON, Anna Marie"}],"datesOfBirth":["1974"]},
 {"id":"B8","names":[{"full":"MULLER, Jonas"}]}]}`
)

func buildSnapshot(t *testing.T, dir, name string, lists ...string) string {
	t.Helper()
	args := []string{"build", "-o", filepath.Join(dir, name)}
	for i, l := range lists {
		p := filepath.Join(dir, name+string(rune('a'+i))+".json")
		if err := os.WriteFile(p, []byte(l), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--json", p)
	}
	var out, errb bytes.Buffer
	if code := watchlistCmd(args, &out, &errb); code != exitOK {
		t.Fatalf("build %s: exit %d: %s", name, code, errb.String())
	}
	return filepath.Join(dir, name)
}

// TestScreenIsTheSameWhateverTheSnapshots: lists published one snapshot per source (as the API
// holds them) or built into one snapshot give the same level, score and findings.
func TestScreenIsTheSameWhateverTheSnapshots(t *testing.T) {
	dir := t.TempDir()
	both := buildSnapshot(t, dir, "both.snap", listA, listB)
	a := buildSnapshot(t, dir, "a.snap", listA)
	b := buildSnapshot(t, dir, "b.snap", listB)
	type hit struct {
		Rule, Path  string
		Points      int
		Counted     int
		Evidence    struct{ OtherCandidates []any }
		PersonIndex *int
	}
	type assessment struct {
		Level string
		Score int
		Hits  []hit
	}
	screen := func(args ...string) assessment {
		code, out, errOut := runCLI(append([]string{"screen"}, append(args, "../../shared/manifest/testdata/valid.json")...)...)
		if code != 0 {
			t.Fatalf("screen %v: exit %d: %s", args, code, errOut)
		}
		var as assessment
		if err := json.Unmarshal([]byte(out), &as); err != nil {
			t.Fatal(err)
		}
		return as
	}
	one := screen("--watchlist", both)
	two := screen("--watchlist", a, "--watchlist", b)
	if one.Level != two.Level || one.Score != two.Score || len(one.Hits) != len(two.Hits) {
		t.Fatalf("one snapshot: %+v\nper source: %+v", one, two)
	}
	watch := 0
	for i := range one.Hits {
		x, y := one.Hits[i], two.Hits[i]
		if x.Rule != y.Rule || x.Path != y.Path || x.Points != y.Points || x.Counted != y.Counted || len(x.Evidence.OtherCandidates) != len(y.Evidence.OtherCandidates) {
			t.Errorf("hit %d differs: %+v vs %+v", i, x, y)
		}
		if strings.HasPrefix(x.Rule, "WATCHLIST_") {
			watch++
		}
	}
	if watch == 0 {
		t.Fatalf("the lists matched nobody: the property was not exercised: %+v", one)
	}
}

// TestScreenWithoutWatchlistSaysSo: a LOW level without any list must not read as screened.
func TestScreenWithoutWatchlistSaysSo(t *testing.T) {
	code, _, errOut := runCLI("screen", "../../events/manifests/evacuation-kabul.json")
	if code != 0 || !strings.Contains(errOut, "no watchlist screened") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	dir := t.TempDir()
	snap := buildSnapshot(t, dir, "a.snap", listA)
	if code, _, errOut := runCLI("screen", "--watchlist", snap, "../../events/manifests/evacuation-kabul.json"); code != 0 || strings.Contains(errOut, "no watchlist") {
		t.Fatalf("with a list: exit %d, stderr %q", code, errOut)
	}
}

// TestEvacuationSampleScreensAsDocumented: the sample of docs/RISK.md, offline.
func TestEvacuationSampleScreensAsDocumented(t *testing.T) {
	code, out, errOut := runCLI("screen", "--format", "table", "../../events/manifests/evacuation-kabul.json")
	if code != 0 || !strings.HasPrefix(out, "level MEDIUM, score 43") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	for _, want := range []string{"EXPIRY_MISSING", "ON_HOLDER_DOCUMENT", "DOCUMENT_EXPIRED_ON_ARRIVAL", "capped at MEDIUM"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %s:\n%s", want, out)
		}
	}
}
