package paxscreen_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/console"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/wiring"
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
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		if !slices.Contains(declared, d) {
			t.Errorf("%s has no function in template.yaml", d)
		}
	}
}

// wiringFile is the file of shared/wiring that assembles a function and reads its environment:
// IngestFunction -> shared/wiring/ingest.go.
func wiringFile(t *testing.T, logicalID string) string {
	t.Helper()
	e, ok := wiring.Functions[logicalID]
	if !ok {
		t.Fatalf("%s has no entry in wiring.Functions", logicalID)
	}
	return filepath.Join("shared", "wiring", strings.ToLower(e.Name)+".go")
}

// envReads finds the names a function's wiring file reads through config.Env (Require,
// Optional), directly or through the wiring package's own helpers it calls (alertConfig).
func envReads(t *testing.T, file string) []string {
	t.Helper()
	fset := token.NewFileSet()
	helpers := map[string]*ast.FuncDecl{}
	others, err := filepath.Glob(filepath.Join(filepath.Dir(file), "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var target *ast.File
	for _, path := range others {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if path == file {
			target = f
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				helpers[fd.Name.Name] = fd
			}
		}
	}
	if target == nil {
		t.Fatalf("%s not found", file)
	}
	var names []string
	followed := map[string]bool{}
	var walk func(n ast.Node)
	walk = func(root ast.Node) {
		ast.Inspect(root, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); ok && helpers[id.Name] != nil && !followed[id.Name] {
				followed[id.Name] = true
				walk(helpers[id.Name])
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
	}
	walk(target)
	return names
}

func TestEnvironmentMatchesWhatTheCodeReads(t *testing.T) {
	for _, fn := range loadTemplate(t).Functions() {
		reads := envReads(t, wiringFile(t, fn.LogicalID))
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

// TestEveryMainStartsItsWiring: each functions/<name>/main.go is wiring.Start of its function's
// entry in wiring.Functions, the table the local stack wires through, so a deployed function
// and the same function on `paxscreen dev` are assembled by the same code; and the table holds
// exactly the template's functions.
func TestEveryMainStartsItsWiring(t *testing.T) {
	declared := map[string]bool{}
	for _, fn := range loadTemplate(t).Functions() {
		declared[fn.LogicalID] = true
		e, ok := wiring.Functions[fn.LogicalID]
		if !ok {
			t.Errorf("%s has no entry in wiring.Functions", fn.LogicalID)
			continue
		}
		file := filepath.Join(functionDir(fn.LogicalID), "main.go")
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var calls []string
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "wiring" {
					calls = append(calls, sel.Sel.Name)
					if sel.Sel.Name == "Start" && len(call.Args) == 1 {
						if arg, ok := call.Args[0].(*ast.SelectorExpr); ok {
							if ax, ok := arg.X.(*ast.Ident); ok && ax.Name == "wiring" {
								calls = append(calls, "Start("+arg.Sel.Name+")")
							}
						}
					}
				}
			}
			return true
		})
		if !slices.Equal(calls, []string{"Start", "Start(" + e.Name + ")"}) {
			t.Errorf("%s: main calls %v of wiring, want exactly wiring.Start(wiring.%s)", file, calls, e.Name)
		}
		if _, err := os.Stat(wiringFile(t, fn.LogicalID)); err != nil {
			t.Errorf("%s: its wiring is not in the file named for it: %v", fn.LogicalID, err)
		}
	}
	for id := range wiring.Functions {
		if !declared[id] {
			t.Errorf("wiring.Functions has %s, which template.yaml does not declare", id)
		}
	}
}

func TestRoutesMatchTheCode(t *testing.T) {
	code := api.Functions(&api.Ingest{}, &api.Manifests{}, &api.Review{}, &api.Watchlists{})
	code["ConsoleFunction"] = (&console.Handler{}).Routes()
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

// TestFunctionPoliciesAreLeastPrivilege fails on wildcard actions or resources in any function's
// inline policy statements: each function names the actions it uses on the resources it uses.
// (The KMS key policy's "*" resource means "this key" and is not a function policy.)
func TestFunctionPoliciesAreLeastPrivilege(t *testing.T) {
	for _, fn := range loadTemplate(t).Functions() {
		policies, listed := fn.Properties["Policies"].([]any)
		if !listed {
			t.Errorf("%s has no policies: it would get none of the access it needs, or someone adds a managed one", fn.LogicalID)
		}
		// An explicit empty list is a function that needs no access at all (the console).
		for _, p := range policies {
			pm, ok := p.(map[string]any)
			if !ok {
				t.Errorf("%s: policy %v is a managed policy name, not a scoped statement", fn.LogicalID, p)
				continue
			}
			statements, _ := pm["Statement"].([]any)
			for _, s := range statements {
				st := s.(map[string]any)
				for _, a := range list(st["Action"]) {
					if as, ok := a.(string); ok && (as == "*" || strings.HasSuffix(as, ":*")) {
						t.Errorf("%s: wildcard action %q", fn.LogicalID, as)
					}
				}
				for _, r := range list(st["Resource"]) {
					if rs, ok := r.(string); ok && (rs == "*" || strings.HasSuffix(rs, ":*")) {
						t.Errorf("%s: wildcard resource %q", fn.LogicalID, rs)
					}
				}
				if st["Effect"] != "Allow" {
					continue
				}
			}
		}
	}
}

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// TestDataAtRestAndInTransit: the table and every topic use the customer managed key, point in
// time recovery is on, and the API is HTTPS-only with CORS off unless configured.
func TestDataAtRestAndInTransit(t *testing.T) {
	tpl := loadTemplate(t)
	res := tpl.Resources()
	table := res["Table"].Properties
	sse, _ := table["SSESpecification"].(map[string]any)
	if sse["SSEType"] != "KMS" || !reflect.DeepEqual(sse["KMSMasterKeyId"], map[string]any{"Ref": "DataKey"}) {
		t.Errorf("table SSE %v, want KMS with DataKey", sse)
	}
	if pitr, _ := table["PointInTimeRecoverySpecification"].(map[string]any); pitr["PointInTimeRecoveryEnabled"] != true {
		t.Error("point in time recovery is off")
	}
	for id, r := range res {
		if r.Type == "AWS::SNS::Topic" && !reflect.DeepEqual(r.Properties["KmsMasterKeyId"], map[string]any{"Ref": "DataKey"}) {
			t.Errorf("topic %s is not encrypted with DataKey", id)
		}
		if r.Type == "AWS::KMS::Key" && r.Properties["EnableKeyRotation"] != true {
			t.Errorf("key %s does not rotate", id)
		}
	}
	api := res["HttpApi"].Properties
	if cors, ok := api["CorsConfiguration"].(map[string]any); !ok || cors["Fn::If"] == nil {
		t.Errorf("CORS must be conditional on CorsAllowOrigins, got %v", api["CorsConfiguration"])
	}
	if tpl.Parameters()["CorsAllowOrigins"].Default != "" {
		t.Error("CORS must be off by default")
	}
}

// TestOnlyTheConsoleAssetsAreOpen: every route but the console's static assets sits behind the
// JWT authorizer. A route opting out (Auth.Authorizer NONE) anywhere else would serve data
// without a token.
func TestOnlyTheConsoleAssetsAreOpen(t *testing.T) {
	tpl := loadTemplate(t)
	if auth, _ := tpl.Resources()["HttpApi"].Properties["Auth"].(map[string]any); auth["DefaultAuthorizer"] != "Jwt" {
		t.Fatalf("the HttpApi's default authorizer is %v, want Jwt", auth["DefaultAuthorizer"])
	}
	open := 0
	for _, fn := range tpl.Functions() {
		for name, ev := range fn.Events {
			if ev.Type != "HttpApi" {
				continue
			}
			auth, _ := ev.Properties["Auth"].(map[string]any)
			if auth == nil {
				continue
			}
			if auth["Authorizer"] != "NONE" {
				t.Errorf("%s.%s: authorizer %v, want the default", fn.LogicalID, name, auth["Authorizer"])
				continue
			}
			open++
			path, _ := ev.Properties["Path"].(string)
			if fn.LogicalID != "ConsoleFunction" || ev.Properties["Method"] != "GET" || (path != "/console" && !strings.HasPrefix(path, "/console/")) {
				t.Errorf("%s.%s (%v %v) has no authorizer: only the console's GET /console routes may", fn.LogicalID, name, ev.Properties["Method"], path)
			}
		}
	}
	if open == 0 {
		t.Error("the console routes are behind the authorizer: a browser could not load the page")
	}
}

// TestConsoleSignInMatchesTheAPI: the user pool the stack creates issues what the API authorises
// on (groups named as the API's roles, an org attribute users cannot write), and the console
// client is public and limited to the authorization code flow.
func TestConsoleSignInMatchesTheAPI(t *testing.T) {
	res := loadTemplate(t).Resources()
	groups := map[string]bool{}
	for _, r := range res {
		if r.Type == "AWS::Cognito::UserPoolGroup" {
			groups[fmt.Sprint(r.Properties["GroupName"])] = true
		}
	}
	for _, role := range []string{httpapi.RoleSubmitter, httpapi.RoleReviewer, httpapi.RoleAdmin} {
		if !groups[role] {
			t.Errorf("no user pool group %q", role)
		}
	}
	pool := res["UserPool"].Properties
	hasOrg := false
	for _, a := range list(pool["Schema"]) {
		if m, _ := a.(map[string]any); m["Name"] == "org" {
			hasOrg = true
		}
	}
	if !hasOrg {
		t.Error("the user pool has no custom org attribute")
	}
	if cfg, _ := pool["AdminCreateUserConfig"].(map[string]any); cfg["AllowAdminCreateUserOnly"] != true {
		t.Error("anyone could sign up to the user pool")
	}
	client := res["UserPoolClient"].Properties
	if client["GenerateSecret"] != false || !reflect.DeepEqual(client["AllowedOAuthFlows"], []any{"code"}) {
		t.Errorf("console client: secret %v, flows %v; want a public client with the code flow only", client["GenerateSecret"], client["AllowedOAuthFlows"])
	}
	for _, a := range list(client["WriteAttributes"]) {
		if a == "custom:org" {
			t.Error("users could change their own organisation (custom:org is writable)")
		}
	}
	// The console sends .../console/index.html as its redirect_uri (auth.js redirectUri).
	cb := res["ConsoleCallback"].Properties
	urls := list(cb["Urls"])
	if len(urls) == 0 || !strings.Contains(fmt.Sprint(urls[0]), "/${Stage}/console/index.html") {
		t.Errorf("ConsoleCallback registers %v, want the API's .../console/index.html", urls)
	}
	if cb["ServiceToken"] == nil || res["ConsoleCallbackFunction"].Type != "AWS::Serverless::Function" {
		t.Error("no custom resource registers the console's callback on the client")
	}
	if client["WriteAttributes"] == nil {
		t.Error("WriteAttributes unset: every attribute, custom:org included, would be writable by its user")
	}
}
