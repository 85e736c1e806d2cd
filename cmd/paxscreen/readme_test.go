package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEManifestExamplesAreValid: the manifests README.md shows as ```json and ```csv blocks
// are what a new user pastes first; each must pass `paxscreen validate` as pasted.
func TestREADMEManifestExamplesAreValid(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := fencedBlocks(string(readme))
	for _, lang := range []string{"json", "csv"} {
		if len(blocks[lang]) == 0 {
			t.Errorf("README.md shows no ```%s manifest: the test would check nothing", lang)
		}
		for i, body := range blocks[lang] {
			file := filepath.Join(t.TempDir(), "example."+lang)
			if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI("validate", file)
			var res validateResult
			if json.Unmarshal([]byte(out), &res) != nil || code != exitOK || !res.Valid {
				t.Errorf("README ```%s block %d: exit %d, %s%s", lang, i+1, code, out, errOut)
			}
		}
	}
}

// fencedBlocks returns the contents of README's fenced code blocks by their info string.
func fencedBlocks(md string) map[string][]string {
	out := map[string][]string{}
	var lang string
	var body strings.Builder
	inside := false
	for line := range strings.Lines(md) {
		fence := strings.HasPrefix(line, "```")
		switch {
		case fence && !inside:
			inside, lang = true, strings.TrimSpace(strings.TrimPrefix(line, "```"))
			body.Reset()
		case fence && inside:
			inside = false
			out[lang] = append(out[lang], body.String())
		case inside:
			body.WriteString(line)
		}
	}
	return out
}
