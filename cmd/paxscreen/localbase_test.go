package main

import (
	"os"
	"path/filepath"
	"testing"
)

// make demo finds the API make run serves without an exported variable: run.sh writes the
// address to api.addr in its run directory.
func TestDemoReadsTheAddressMakeRunUsed(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PAXSCREEN_RUN_DIR", dir)
	t.Setenv("PAXSCREEN_ADDR", "")
	if got := localBase(); got != "http://127.0.0.1:3000" {
		t.Errorf("without api.addr: %q", got)
	}
	t.Setenv("PAXSCREEN_ADDR", "127.0.0.1:4000")
	if got := localBase(); got != "http://127.0.0.1:4000" {
		t.Errorf("from PAXSCREEN_ADDR: %q", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "api.addr"), []byte("127.0.0.1:3016\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := localBase(); got != "http://127.0.0.1:3016" {
		t.Errorf("from api.addr: %q", got)
	}
}
