package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateExitStatuses(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		code  int
		valid *bool
	}{
		{"valid JSON", []string{"validate", "../../shared/manifest/testdata/valid.json"}, 0, ptr(true)},
		{"valid CSV", []string{"validate", "../../shared/manifest/testdata/valid.csv"}, 0, ptr(true)},
		{"CSV by flag", []string{"validate", "--format", "csv", "../../shared/manifest/testdata/valid-semicolon-bom.csv"}, 0, ptr(true)},
		{"JSON read as CSV is invalid", []string{"validate", "--format", "csv", "../../shared/manifest/testdata/valid.json"}, 1, ptr(false)},
		{"missing file", []string{"validate", "testdata/none.json"}, 2, nil},
		{"unknown extension", []string{"validate", "main.go"}, 2, nil},
		{"no file", []string{"validate"}, 2, nil},
		{"unknown format", []string{"validate", "--format", "xml", "x.json"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %s)", code, tt.code, errOut)
			}
			if tt.valid == nil {
				return
			}
			var res validateResult
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("output is not the result JSON: %v\n%s", err, out)
			}
			if res.Valid != *tt.valid || res.Errors == nil || res.Warnings == nil || res.Valid != (len(res.Errors) == 0) {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func ptr(b bool) *bool { return &b }

func TestScreenPrintsTheAssessment(t *testing.T) {
	code, out, errOut := runCLI("screen", "../../shared/manifest/testdata/valid.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a struct {
		Level          string `json:"level"`
		Score          *int   `json:"score"`
		RulesetVersion string `json:"rulesetVersion"`
		Hits           []struct {
			Rule, Path, Message string
			Points              *int
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a.Level != "LOW" || a.Score == nil || a.RulesetVersion == "" || len(a.Hits) != 1 || a.Hits[0].Points == nil {
		t.Errorf("assessment %s", out)
	}
	if code, out, _ := runCLI("screen", "--format", "table", "../../shared/manifest/testdata/valid.json"); code != 0 || !strings.Contains(out, "SENSITIVE_DESTINATION") {
		t.Errorf("table output (exit %d): %s", code, out)
	}
	if code, _, _ := runCLI("screen", "--input", "csv", "../../shared/manifest/testdata/valid.json"); code != 1 {
		t.Errorf("invalid file: exit %d, want 1", code)
	}
	if code, _, _ := runCLI("screen", "--format", "xml", "x.json"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	if code, _, errOut := runCLI("fly"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestExportToPAXLSTAndBack(t *testing.T) {
	dir := t.TempDir()
	edi := dir + "/manifest.edi"
	if code, _, errOut := runCLI("export", "--format", "paxlst", "-o", edi, "../../shared/manifest/testdata/valid.json"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	args := []string{"validate", "--param", "organiserType=NGO", "--param", "regime=EVACUATION", "--param", "direction=INBOUND",
		"--param", "aircraftType=A320", "--param", "seatCapacity=180", edi}
	if code, out, errOut := runCLI(args...); code != 0 {
		t.Errorf("the exported PAXLST does not validate: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := runCLI("validate", edi); code != 1 {
		t.Errorf("PAXLST without the fields it cannot carry: exit %d, want 1", code)
	}
}
