package memstore_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoLambdaBinaryImportsTheTestKit: the fakes are for tests; a function that linked one
// could answer from memory in production.
func TestNoLambdaBinaryImportsTheTestKit(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command("go", "list", "-tags", "lambda.norpc", "-deps", "-f", "{{.ImportPath}}", "./functions/...")
	cmd.Dir = "../../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list found only %d packages: %q", len(deps), deps)
	}
	for _, dep := range deps {
		if strings.HasPrefix(dep, "github.com/paxscreen/paxscreen/shared/testkit") {
			t.Errorf("a Lambda binary imports %s", dep)
		}
	}
}
