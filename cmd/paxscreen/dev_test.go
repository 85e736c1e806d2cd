package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/samtemplate"
)

// TestDevAlertsFollowTheTemplateDefaults: the local stack names persons in alert e-mails exactly
// when a deployment with the template's defaults would.
func TestDevAlertsFollowTheTemplateDefaults(t *testing.T) {
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := alertConfig(tpl, "http://127.0.0.1:3000")
	want := tpl.Parameters()["AlertIncludeNames"].Default
	if cfg.IncludeNames != (want == "true") || cfg.MinLevel != tpl.Parameters()["AlertMinLevel"].Default {
		t.Errorf("dev alert config %+v; template defaults AlertIncludeNames=%v AlertMinLevel=%v", cfg, want, tpl.Parameters()["AlertMinLevel"].Default)
	}
	// And it follows a template that changes the default.
	b, err := os.ReadFile("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), "  AlertIncludeNames:\n    Type: String\n    Default: \"false\"", "  AlertIncludeNames:\n    Type: String\n    Default: \"true\"", 1)
	if changed == string(b) {
		t.Fatal("template.yaml no longer declares AlertIncludeNames as this test expects")
	}
	path := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl2, err := samtemplate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !alertConfig(tpl2, "").IncludeNames {
		t.Error("a template defaulting AlertIncludeNames to true is not followed")
	}
}

func TestExportToCSVIsFormulaSafe(t *testing.T) {
	b, err := os.ReadFile("../../shared/manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "m.json")
	hostile := strings.Replace(string(b), `"surname": "Santos"`, `"surname": "=HYPERLINK(\"https://evil.example\")"`, 1)
	if err := os.WriteFile(in, []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("export", "--format", "csv", in)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `'=HYPERLINK(`) || strings.Contains(out, `,=HYPERLINK`) || strings.Contains(out, `,"=HYPERLINK`) {
		t.Errorf("formula not neutralised:\n%s", out)
	}
	csvPath := filepath.Join(dir, "m.csv")
	if err := os.WriteFile(csvPath, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("validate", csvPath); code != 0 {
		t.Errorf("the exported CSV does not validate: exit %d %s", code, errOut)
	}
}

func TestTokenRefusesInvalidOrganisations(t *testing.T) {
	for _, org := range []string{"-", "all", "org a", "undefined"} {
		if code, _, errOut := runCLI("token", "--role", "submitter", "--org", org); code != exitUsage || !strings.Contains(errOut, "organisation id") {
			t.Errorf("--org %q: exit %d: %s", org, code, errOut)
		}
	}
}
