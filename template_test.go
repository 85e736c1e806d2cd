package paxscreen_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/samtemplate"
)

// The template and the code must describe the same system: these tests fail when a function,
// route or environment variable exists on one side only.

func loadTemplate(t *testing.T) *samtemplate.Template {
	t.Helper()
	tpl, err := samtemplate.Load("template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func TestTemplateMatchesTheSAMSchema(t *testing.T) {
	const schema = "../shared/data/sam.schema.json"
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("SAM schema not found at %s (the reference data beside the project): %v", schema, err)
	}
	if err := loadTemplate(t).ValidateSchema(schema); err != nil {
		t.Fatal(err)
	}
}

// functionDir maps a logical id to its folder: IngestFunction -> functions/ingest, as the
// Makefile's build-%Function rule does.
func functionDir(logicalID string) string {
	return filepath.Join("functions", strings.ToLower(strings.TrimSuffix(logicalID, "Function")))
}

func TestEveryFunctionBuildsForLambda(t *testing.T) {
	tpl := loadTemplate(t)
	makefile, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(makefile), "build-%Function:") {
		t.Fatalf("Makefile has no build-%%Function rule for SAM's makefile build method")
	}
	dirs, _ := filepath.Glob("functions/*")
	var declared []string
	for _, fn := range tpl.Functions() {
		dir := functionDir(fn.LogicalID)
		declared = append(declared, dir)
		if fn.BuildMethod != "makefile" || fn.CodeURI != "." {
			t.Errorf("%s: BuildMethod %q CodeUri %q, want makefile and .", fn.LogicalID, fn.BuildMethod, fn.CodeURI)
		}
		cmd := exec.Command("go", "build", "-trimpath", "-tags", "lambda.norpc", "-o", os.DevNull, "./"+dir)
		cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %s does not build for linux/arm64: %v\n%s", fn.LogicalID, dir, err, out)
		}
	}
	for _, d := range dirs {
		if !slices.Contains(declared, d) {
			t.Errorf("%s has no function in template.yaml", d)
		}
	}
}

// envReads finds the names a function's main.go reads through config.Env (Require, Optional).
func envReads(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "main.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Require" && sel.Sel.Name != "Optional") || len(call.Args) == 0 {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Errorf("%s: %s.%s with a non-literal name hides what the function reads", fset.Position(call.Pos()), sel.X, sel.Sel.Name)
			return true
		}
		name, _ := strconv.Unquote(lit.Value)
		names = append(names, name)
		return true
	})
	return names
}

func TestEnvironmentMatchesWhatTheCodeReads(t *testing.T) {
	for _, fn := range loadTemplate(t).Functions() {
		reads := envReads(t, functionDir(fn.LogicalID))
		for _, name := range reads {
			if _, ok := fn.Environment[name]; !ok {
				t.Errorf("%s reads %s, which template.yaml does not set", fn.LogicalID, name)
			}
		}
		for name := range fn.Environment {
			if !slices.Contains(reads, name) {
				t.Errorf("template.yaml sets %s on %s, which its code never reads", name, fn.LogicalID)
			}
		}
	}
}

func TestRoutesMatchTheCode(t *testing.T) {
	code := api.Functions(&api.Ingest{}, &api.Manifests{})
	seen := map[string]bool{}
	for _, fn := range loadTemplate(t).Functions() {
		if len(fn.Routes) == 0 {
			continue
		}
		seen[fn.LogicalID] = true
		routes, ok := code[fn.LogicalID]
		if !ok {
			t.Errorf("template.yaml gives %s routes %v, but no handler serves them", fn.LogicalID, fn.Routes)
			continue
		}
		got := routes.Keys()
		sort.Strings(got)
		want := slices.Clone(fn.Routes)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: code serves %v, template.yaml routes %v", fn.LogicalID, got, want)
		}
	}
	for id := range code {
		if !seen[id] {
			t.Errorf("code serves routes for %s, which template.yaml does not declare with HttpApi events", id)
		}
	}
}
