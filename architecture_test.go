package paxscreen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The layers of docs/ARCHITECTURE.md, by import path below the module. A package that fits none
// of them fails TestImportRules until it is given one here and in the document.
const module = "github.com/paxscreen/paxscreen"

var (
	// pure holds the domain: types, formats, rules and matching, with no I/O to AWS. Services and
	// adapters import it; it imports nothing of theirs.
	pure = []string{
		"shared/alert", "shared/aviation", "shared/country", "shared/entityeval", "shared/listmatch", "shared/manifest",
		"shared/mrz", "shared/names", "shared/organisation", "shared/paxlst", "shared/rules",
		"shared/spreadsheet", "shared/watchlist",
		// The application's vocabulary (manifest header, statuses, assessments, decisions, audit,
		// errors) that services and stores share.
		"shared/paxscreen",
	}
	// production holds the wiring, services, adapters and handlers a Lambda function links.
	production = []string{
		"shared/api", "shared/config", "shared/console", "shared/httpapi", "shared/intake",
		"shared/notify", "shared/rescan", "shared/scoring", "shared/screening", "shared/snspublish",
		"shared/store", "shared/stream", "shared/userpool", "shared/wiring",
	}
	// services hold what the application does, over the domain: they reach the table, the
	// topics and the streams only through interfaces they declare, which shared/store, the SNS
	// publisher or a test fake satisfies. So they link neither the table adapter nor the AWS SDK,
	// and their tests need no emulator. (aws-lambda-go/events is not the SDK: httpapi's request
	// is an API Gateway event.)
	services = []string{
		"shared/api", "shared/console", "shared/httpapi", "shared/intake", "shared/notify", "shared/rescan",
		"shared/scoring", "shared/screening",
	}
	// helpers run the stack on a laptop (devstack: the API Gateway stand-in, the stream poller,
	// local tokens, the template reader) or serve tests (testkit: emulator helpers, the in-memory
	// store and its contract suite); they never ship in a Lambda function. reliability is tests
	// only (race and fault tests on the emulators).
	helpers = []string{"shared/devstack", "shared/testkit", "shared/reliability"}
	// Test-only standard packages: linked into a binary they mean test code shipped.
	testOnlyStd = []string{"testing", "net/http/httptest", "testing/fstest", "testing/iotest"}
)

type goPackage struct {
	ImportPath string
	Name       string
	Deps       []string // every package it links, transitively
	Standard   bool
}

// in reports whether rel (a path below the module) is one of the layer's packages or below one.
func in(layer []string, rel string) bool {
	return slices.ContainsFunc(layer, func(p string) bool { return rel == p || strings.HasPrefix(rel, p+"/") })
}

func relPath(path string) (string, bool) {
	if path == module {
		return ".", true
	}
	return strings.CutPrefix(path, module+"/")
}

// listPackages asks the go command for the module's packages and what each links, as the build
// will see it (build tags, GOOS), with no test files: a test may import anything.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Name,Deps,Standard", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

// TestImportRules holds the layering: pure packages import no AWS SDK and no service, adapter or
// helper; nothing a Lambda function links imports a dev or test helper or the testing package.
func TestImportRules(t *testing.T) {
	for _, v := range violations(listPackages(t)) {
		t.Error(v)
	}
}

var rules = []struct {
	name    string
	applies func(rel string) bool
	// forbidden says why a dependency may not be linked, or "" if it may.
	forbidden func(dep string) string
}{
	{
		name:    "pure package",
		applies: func(rel string) bool { return in(pure, rel) },
		forbidden: func(dep string) string {
			if strings.HasPrefix(dep, "github.com/aws/") {
				return "the AWS SDK belongs in an adapter"
			}
			if slices.Contains(testOnlyStd, dep) {
				return "test code belongs in _test.go files"
			}
			if rel, ok := relPath(dep); ok && !in(pure, rel) {
				return "a pure package imports only pure packages"
			}
			return ""
		},
	},
	{
		name:    "service",
		applies: func(rel string) bool { return in(services, rel) },
		forbidden: func(dep string) string {
			if rel, ok := relPath(dep); ok && rel == "shared/store" {
				return "a service reaches the table through an interface over shared/paxscreen types"
			}
			if strings.HasPrefix(dep, "github.com/aws/aws-sdk-go-v2") || strings.HasPrefix(dep, "github.com/aws/smithy-go") {
				return "the AWS SDK belongs in an adapter"
			}
			return ""
		},
	},
	{
		// The engine that finds matches and the rules that weigh them share listmatch's types,
		// so a change on one side never recompiles, or constrains, the other.
		name:    "screening engine",
		applies: func(rel string) bool { return rel == "shared/watchlist" },
		forbidden: func(dep string) string {
			if rel, ok := relPath(dep); ok && rel == "shared/rules" {
				return "the match types it returns are shared/listmatch's"
			}
			return ""
		},
	},
	{
		name:    "shipped package",
		applies: func(rel string) bool { return in(production, rel) || strings.HasPrefix(rel, "functions/") },
		forbidden: func(dep string) string {
			if slices.Contains(testOnlyStd, dep) {
				return "test code would ship in a Lambda function"
			}
			if rel, ok := relPath(dep); ok && in(helpers, rel) {
				return "a dev or test helper would ship in a Lambda function"
			}
			return ""
		},
	},
}

func violations(pkgs []goPackage) []string {
	var out []string
	for _, p := range pkgs {
		rel, ok := relPath(p.ImportPath)
		if !ok {
			continue
		}
		known := rel == "." || strings.HasPrefix(rel, "cmd/") || strings.HasPrefix(rel, "tools/") ||
			strings.HasPrefix(rel, "functions/") || in(pure, rel) || in(production, rel) || in(helpers, rel)
		if !known {
			out = append(out, rel+" is in no layer: add it to architecture_test.go and docs/ARCHITECTURE.md")
		}
		if strings.HasPrefix(rel, "functions/") && p.Name != "main" {
			out = append(out, rel+": a package under functions/ is a Lambda binary (package main), got package "+p.Name)
		}
		for _, r := range rules {
			if !r.applies(rel) {
				continue
			}
			for _, dep := range p.Deps {
				if why := r.forbidden(dep); why != "" {
					out = append(out, r.name+" "+rel+" links "+dep+": "+why)
				}
			}
		}
	}
	return out
}

// TestImportRulesCatchViolations: the rules refuse what they are meant to refuse, so a passing
// TestImportRules means something.
func TestImportRulesCatchViolations(t *testing.T) {
	pkg := func(rel, name string, deps ...string) goPackage {
		for i, d := range deps {
			if strings.HasPrefix(d, "shared/") {
				deps[i] = module + "/" + d
			}
		}
		return goPackage{ImportPath: module + "/" + rel, Name: name, Deps: deps}
	}
	tests := []struct {
		name string
		pkg  goPackage
		want string // part of the one violation expected, "" for none
	}{
		{"pure package on pure packages", pkg("shared/rules", "rules", "fmt", "shared/manifest", "shared/mrz"), ""},
		{"pure package on the SDK", pkg("shared/manifest", "manifest", "github.com/aws/aws-sdk-go-v2/service/dynamodb"), "AWS SDK"},
		{"pure package on an adapter", pkg("shared/watchlist", "watchlist", "shared/store"), "only pure packages"},
		{"screening engine on the rules", pkg("shared/watchlist", "watchlist", "shared/listmatch", "shared/rules"), "shared/listmatch"},
		{"rules on the match types", pkg("shared/rules", "rules", "shared/listmatch", "shared/manifest"), ""},
		{"pure package on testing", pkg("shared/mrz", "mrz", "testing"), "_test.go"},
		{"function on adapters", pkg("functions/ingest", "main", "shared/store", "github.com/aws/aws-lambda-go/lambda"), ""},
		{"function on a test helper", pkg("functions/ingest", "main", "shared/testkit/dynamotest"), "dev or test helper"},
		{"function on a dev helper", pkg("functions/review", "main", "shared/devstack/devauth"), "dev or test helper"},
		{"service on a dev helper", pkg("shared/api", "api", "shared/devstack/samtemplate"), "dev or test helper"},
		{"function on a testkit fake", pkg("functions/score", "main", "shared/testkit/memstore"), "dev or test helper"},
		{"service on testing", pkg("shared/intake", "intake", "testing"), "test code would ship"},
		{"service on the domain", pkg("shared/api", "api", "shared/paxscreen", "shared/httpapi", "github.com/aws/aws-lambda-go/events"), ""},
		{"service on the table adapter", pkg("shared/api", "api", "shared/store"), "through an interface"},
		{"service on the SDK", pkg("shared/screening", "screening", "github.com/aws/aws-sdk-go-v2/service/dynamodb"), "AWS SDK"},
		{"service on smithy", pkg("shared/intake", "intake", "github.com/aws/smithy-go"), "AWS SDK"},
		{"wiring on the table adapter", pkg("shared/wiring", "wiring", "shared/store", "github.com/aws/aws-sdk-go-v2/service/dynamodb"), ""},
		{"dev CLI on helpers", pkg("cmd/paxscreen", "main", "shared/devstack/localapi", "shared/testkit/dynamotest"), ""},
		{"a helper at its old place", pkg("shared/localapi", "localapi"), "in no layer"},
		{"library under functions/", pkg("functions/common", "common"), "package main"},
		{"unclassified package", pkg("shared/utils", "utils"), "in no layer"},
		{"package named like a helper", pkg("shared/testkitchen", "testkitchen"), "in no layer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := violations([]goPackage{tt.pkg})
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no violation, got %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("want one violation containing %q, got %q", tt.want, got)
			}
		})
	}
}
