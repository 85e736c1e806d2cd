package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// issueExample is the clean sample with the operator, registration and organiser of issue 19:
// an OFAC-listed airline, an OFAC-listed aircraft of that airline and a UN-listed entity.
func issueExample(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile("../../events/manifests/clean.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["flight"].(map[string]any)["operator"] = "Mahan Air"
	m["flight"].(map[string]any)["aircraftRegistration"] = "EP-MNG"
	m["organiser"].(map[string]any)["name"] = "Haqqani Network"
	out, _ := json.Marshal(m)
	path := filepath.Join(dir, "example.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScreenNamesTheListedOrganiserOperatorAndAircraft(t *testing.T) {
	dir := t.TempDir()
	example := issueExample(t, dir)
	snapshots := map[string][]string{"sample": {"--json", "../../events/watchlist-sample.json"}}
	un := "../../../shared/data/watchlists/un-consolidated-2026-02-27.xml"
	ofac := "../../../shared/data/watchlists/ofac-sdn-2021"
	if _, err := os.Stat(un); err == nil {
		snapshots["real"] = []string{"--un", un, "--ofac", ofac}
	} else {
		t.Logf("reference lists absent (%v): screening against the sample list only", err)
	}
	for name, src := range snapshots {
		t.Run(name, func(t *testing.T) {
			snap := filepath.Join(dir, name+".pxwl")
			if code, _, errOut := runCLI(append([]string{"watchlist", "build", "-o", snap}, src...)...); code != 0 {
				t.Fatalf("build: %s", errOut)
			}
			code, out, errOut := runCLI("screen", "--watchlist", snap, example)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var a struct {
				Level string
				Hits  []struct {
					Rule, Path, Message string
					Evidence            map[string]any
				}
			}
			if err := json.Unmarshal([]byte(out), &a); err != nil {
				t.Fatal(err)
			}
			if a.Level != "CRITICAL" {
				t.Errorf("level %s", a.Level)
			}
			want := map[string]struct{ rule, listed string }{
				"/organiser/name":              {"WATCHLIST_ENTITY_STRONG", "HAQQANI NETWORK"},
				"/flight/operator":             {"WATCHLIST_ENTITY_STRONG", "MAHAN AIR"},
				"/flight/aircraftRegistration": {"SANCTIONED_AIRCRAFT", "EP-MNG"},
			}
			for path, w := range want {
				found := false
				for _, h := range a.Hits {
					if h.Path == path && h.Rule == w.rule && strings.Contains(h.Message, w.listed) && h.Evidence["explanation"] != nil &&
						h.Evidence["programs"] != nil && h.Evidence["why"] != "" {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s on %s naming %s: %s", w.rule, path, w.listed, out)
				}
			}
		})
	}
}
