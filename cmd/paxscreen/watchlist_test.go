package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testList = `{"source":"LOCAL","entries":[
 {"id":"L1","names":[{"full":"IVANOV, Sergei Petrovich"}],"datesOfBirth":["1961-03-04"],"nationalities":["RUS"],
  "documents":[{"type":"passport","number":"721234567","country":"RUS"}]},
 {"id":"L2","names":[{"full":"ABDUL RAHMAN AL-HASAN"}],"datesOfBirth":["1970"]}]}`

func buildTestSnapshot(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	list := filepath.Join(dir, "list.json")
	if err := os.WriteFile(list, []byte(testList), 0o644); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "wl.snap")
	var out, errb bytes.Buffer
	if code := watchlistCmd([]string{"build", "-o", snap, "--json", list}, &out, &errb); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, errb.String())
	}
	var res struct {
		Version     string `json:"version"`
		Individuals int    `json:"individuals"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Individuals != 2 || len(res.Version) != 24 {
		t.Fatalf("build output %s (%v)", out.String(), err)
	}
	return snap
}

func TestWatchlistBuildUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"build"}, {"build", "-o", "x"}, {"nope"}} {
		var out, errb bytes.Buffer
		if code := watchlistCmd(args, &out, &errb); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"source":"X","entries":[]}`), 0o644)
	var out, errb bytes.Buffer
	if code := watchlistCmd([]string{"build", "-o", filepath.Join(dir, "s"), "--json", bad}, &out, &errb); code != exitInvalid {
		t.Errorf("bad list: exit %d, want %d", code, exitInvalid)
	}
}

func TestMatchCmd(t *testing.T) {
	snap := buildTestSnapshot(t)
	var out, errb bytes.Buffer
	code := matchCmd([]string{"--watchlist", snap, "--name", "Sergey Petrovich Ivanoff", "--dob", "1961-03-04", "--nationality", "RUS"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Candidates []struct {
			EntryID     string  `json:"entryId"`
			Score       float64 `json:"score"`
			Strong      bool    `json:"strong"`
			Explanation struct {
				Parts    []struct{ How string } `json:"parts"`
				Evidence []struct {
					Kind, Outcome string
				} `json:"evidence"`
			} `json:"explanation"`
		} `json:"candidates"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 || res.Candidates[0].EntryID != "L1" || !res.Candidates[0].Strong ||
		res.Candidates[0].Explanation.Evidence[0].Outcome != "confirms" {
		t.Errorf("output %s", out.String())
	}
	out.Reset()
	if code := matchCmd([]string{"--watchlist", snap, "--name", "Nobody Atall"}, &out, &errb); code != exitOK || !strings.Contains(out.String(), `"candidates": []`) {
		t.Errorf("no match: exit %d, %s", code, out.String())
	}
	for _, args := range [][]string{{"--name", "x"}, {"--watchlist", snap}, {"--watchlist", snap, "--name", "x", "--dob", "yesterday"}} {
		if code := matchCmd(args, &out, &errb); code != exitUsage {
			t.Errorf("%q: exit %d", args, code)
		}
	}
}

func TestEvalCmd(t *testing.T) {
	snap := buildTestSnapshot(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
	pos := write("people-variants.csv", head+"SERGEI IVANOFF,,,,,1961-03-04,,\nABDULRAHMAN AL HASAN,,,,,1970,,\n")
	write("people.csv", head+"SERGEI PETROVICH IVANOV,,,,,1961-03-04,,\nABDUL RAHMAN AL-HASAN,,,,,1970,,\n")
	neg := write("neg.csv", head+"Ingeborg Abrahamsen,,,,,1972-11-21,,\nSergei Ivanov,,,,,1990-01-01,,\n")
	pairs := write("pairs.csv", "case_group,schema,name1,name2,is_match,quality,category,notes\nx,Person,Olaf Scholz,Olaf Scholze,true,,,\nx,Person,Olaf Scholz,Angela Merkel,false,,,\nx,Company,A,B,true,,,\n")
	var out, errb bytes.Buffer
	code := evalCmd([]string{"--watchlist", snap, "--positives", pos, "--negatives", neg, "--pairs", pairs}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res map[string]any
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	want := []string{"positives", "negatives", "recallAt1PerMille", "recallAt5PerMille", "recallAt10PerMille", "recallAtPrecision90", "top5HitRate", "pairsAuc", "latencyMicros",
		"recallAtDefault", "threshold1PerMille", "unresolved"}
	for _, k := range want {
		if _, ok := res[k]; !ok {
			t.Errorf("missing key %s in %s", k, out.String())
		}
	}
	if res["positives"] != 2.0 || res["negatives"] != 2.0 || res["recallAt1PerMille"] != 1.0 || res["pairsAuc"] != 1.0 {
		t.Errorf("result %s\n%s", out.String(), errb.String())
	}
	lat := res["latencyMicros"].(map[string]any)
	if _, ok := lat["p50"]; !ok {
		t.Error("no p50")
	}
	// Without --pairs there is no pairsAuc key.
	out.Reset()
	evalCmd([]string{"--watchlist", snap, "--positives", pos, "--negatives", neg}, &out, &errb)
	if strings.Contains(out.String(), "pairsAuc") {
		t.Error("pairsAuc without --pairs")
	}
}
