package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/wiring"
)

// TestDevAlertsFollowTheTemplateDefaults: the local stack names persons in alert e-mails exactly
// when a deployment with the template's defaults would, because the notify function gets the
// variables template.yaml sets.
func TestDevAlertsFollowTheTemplateDefaults(t *testing.T) {
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	local := localValues("t", "http://127.0.0.1:3000", "arn:aws:sns:us-east-1:000000000000:alerts")
	for _, id := range []string{"NotifyFunction", "RescanFunction"} {
		env, err := tpl.Environment(id, local)
		if err != nil {
			t.Fatal(err)
		}
		params := tpl.Parameters()
		if env["ALERT_INCLUDE_NAMES"] != params["AlertIncludeNames"].Default || env["ALERT_MIN_LEVEL"] != params["AlertMinLevel"].Default {
			t.Errorf("%s: dev alert settings %v; template defaults AlertIncludeNames=%v AlertMinLevel=%v", id, env,
				params["AlertIncludeNames"].Default, params["AlertMinLevel"].Default)
		}
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
	if env, err := tpl2.Environment("NotifyFunction", local); err != nil || env["ALERT_INCLUDE_NAMES"] != "true" {
		t.Errorf("a template defaulting AlertIncludeNames to true is not followed: %v %v", env, err)
	}
}

// TestDevWiresEveryFunctionThroughItsWiring: the local stack assembles every function of
// template.yaml that something on this machine invokes (HTTP routes, the stream, the schedule)
// through wiring.Functions, the table each functions/<name>/main.go starts its entry of
// (TestEveryMainStartsItsWiring at the root), with only the local values supplied; only a
// custom resource, which CloudFormation alone invokes, is left out.
func TestDevWiresEveryFunctionThroughItsWiring(t *testing.T) {
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fns, err := wireLocal(tpl, localValues("t", "http://127.0.0.1:3000", "arn:aws:sns:us-east-1:000000000000:alerts"), wiring.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range tpl.Functions() {
		f, wired := fns[fn.LogicalID]
		if len(fn.Events) == 0 {
			if wired {
				t.Errorf("%s has no events, yet runs locally", fn.LogicalID)
			}
			if r := tpl.Resources(); !invokedByCustomResource(r, fn.LogicalID) {
				t.Errorf("%s has no events and backs no custom resource: nothing would ever invoke it", fn.LogicalID)
			}
			continue
		}
		if !wired {
			t.Errorf("%s is not wired by the local stack", fn.LogicalID)
			continue
		}
		for _, ev := range fn.Events {
			if (ev.Type == "HttpApi" && f.HTTP == nil) || (ev.Type == "DynamoDB" && f.Stream == nil) || (ev.Type == "ScheduleV2" && f.Scheduled == nil) {
				t.Errorf("%s: no handler for its %s event", fn.LogicalID, ev.Type)
			}
		}
	}
	if _, err := localRoutes(tpl, fns); err != nil {
		t.Error(err)
	}
}

// invokedByCustomResource reports whether a Custom:: resource's ServiceToken is the function's ARN.
func invokedByCustomResource(res map[string]samtemplate.Resource, logicalID string) bool {
	for _, r := range res {
		if !strings.HasPrefix(r.Type, "Custom::") && r.Type != "AWS::CloudFormation::CustomResource" {
			continue
		}
		if tok, ok := r.Properties["ServiceToken"].(map[string]any); ok {
			if ga, ok := tok["Fn::GetAtt"].([]any); ok && len(ga) > 0 && ga[0] == logicalID {
				return true
			}
		}
	}
	return false
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

// TestDevRefusesATakenAddressFirst: when another stack holds the address, `paxscreen dev` says so
// and how to serve elsewhere, before it touches the emulators (here, endpoints nothing answers:
// reaching them first would fail with another error, after the SDK's retries).
func TestDevRefusesATakenAddressFirst(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nobody := "http://" + closed.Addr().String()
	closed.Close()
	for _, v := range []string{"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SQS"} {
		t.Setenv(v, nobody)
	}
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "local")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = dev(ctx, taken.Addr().String(), "../../template.yaml", "paxscreen-taken", strings.NewReader(""), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "listen on "+taken.Addr().String()) || !strings.Contains(err.Error(), "PAXSCREEN_ADDR") {
		t.Errorf("dev on a taken address: %v; want the listen error first, naming PAXSCREEN_ADDR", err)
	}
}
