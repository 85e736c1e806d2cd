package paxscreen_test

// Tests of scripts/emulators.sh: what two runs at once do to the shared install cache and to
// each other's emulators.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fakeNPM stands in for npm on PATH: it makes the two packages emulators.sh installs from files
// of its own (an empty jar, a fauxqs with only the files the script checks), counts its runs in
// $FAKE_NPM_LOG, and takes a second over each, so that two installs started together overlap.
const fakeNPM = `#!/usr/bin/env bash
set -euo pipefail
echo "$*" >>"$FAKE_NPM_LOG"
sleep 1
case $1 in
pack)
	mkdir -p work/package/emulator
	: >work/package/emulator/DynamoDBLocal.jar
	tar -czf amplify-dynamodb-simulator-2.9.30.tgz -C work package
	rm -rf work
	;;
install)
	prefix=$3
	mkdir -p "$prefix/node_modules/fauxqs/dist"
	echo '{"name":"fauxqs"}' >"$prefix/node_modules/fauxqs/package.json"
	: >"$prefix/node_modules/fauxqs/dist/app.js"
	;;
esac
`

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing: the emulators need it", tool)
		}
	}
}

// TestConcurrentInstallsShareOneCache: two installs into one empty cache at once both succeed
// and leave one complete install of each package and no temporary directory. With flock the
// second waits for the first and downloads nothing; with a lock that holds nothing (flock
// replaced by one that always succeeds) both download, and the renames still keep it whole.
func TestConcurrentInstallsShareOneCache(t *testing.T) {
	needTools(t, "java", "node", "tar", "flock")
	for _, tt := range []struct {
		name     string
		noLock   bool
		npmCalls int
	}{
		{"with flock", false, 2},
		{"without a lock", true, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bin, cache := t.TempDir(), t.TempDir()
			if err := os.WriteFile(filepath.Join(bin, "npm"), []byte(fakeNPM), 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.noLock {
				if err := os.WriteFile(filepath.Join(bin, "flock"), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			npmLog := filepath.Join(t.TempDir(), "npm.log")
			env := append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "PAXSCREEN_CACHE="+cache, "FAKE_NPM_LOG="+npmLog)

			var wg sync.WaitGroup
			outs := make([][]byte, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					cmd := exec.Command("scripts/emulators.sh", "install")
					cmd.Env = env
					outs[i], errs[i] = cmd.CombinedOutput()
				}()
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil {
					t.Errorf("install %d: %v\n%s", i+1, errs[i], outs[i])
				}
			}
			runs, _ := os.ReadFile(npmLog)
			if n := strings.Count(string(runs), "\n"); n != tt.npmCalls {
				t.Errorf("npm ran %d times, want %d:\n%s", n, tt.npmCalls, runs)
			}
			want := map[string][]string{
				"dynamodb-local": {".installed", "DynamoDBLocal.jar"},
				"fauxqs":         {".installed", "node_modules"},
			}
			entries, err := os.ReadDir(cache)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if _, ok := want[e.Name()]; !ok && e.Name() != ".lock" {
					t.Errorf("cache holds %s: a temporary directory or a misplaced install", e.Name())
				}
			}
			for dir, files := range want {
				inside, err := os.ReadDir(filepath.Join(cache, dir))
				if err != nil {
					t.Errorf("%s: %v", dir, err)
					continue
				}
				var names []string
				for _, e := range inside {
					names = append(names, e.Name())
				}
				if strings.Join(names, " ") != strings.Join(files, " ") {
					t.Errorf("%s holds %v, want %v", dir, names, files)
				}
			}
		})
	}
}

// shell is a long-lived bash, as a terminal or a script that runs emulators.sh is: the script
// knows its caller by its parent process.
type shell struct {
	in  io.WriteCloser
	out *bufio.Reader
	cmd *exec.Cmd
}

func newShell(t *testing.T, env []string) *shell {
	t.Helper()
	cmd := exec.Command("bash")
	cmd.Env = env
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &shell{in: in, out: bufio.NewReader(out), cmd: cmd}
	t.Cleanup(func() { in.Close(); cmd.Wait() })
	return s
}

// run runs line in the shell and returns its output and exit status, -1 when the shell itself
// failed. It may be called from any goroutine.
func (s *shell) run(line string) (string, int) {
	const end = "__exit__"
	if _, err := fmt.Fprintf(s.in, "%s; echo %s$?\n", line, end); err != nil {
		return err.Error(), -1
	}
	var out strings.Builder
	for {
		l, err := s.out.ReadString('\n')
		if err != nil {
			return out.String() + err.Error(), -1
		}
		if code, ok := strings.CutPrefix(strings.TrimSpace(l), end); ok {
			n, _ := strconv.Atoi(code)
			return out.String(), n
		}
		out.WriteString(l)
	}
}

// must runs line and fails the test unless it exits 0.
func (s *shell) must(t *testing.T, line string) string {
	t.Helper()
	out, code := s.run(line)
	if code != 0 {
		t.Fatalf("%s: exit %d\n%s", line, code, out)
	}
	return out
}

func pidOf(t *testing.T, runDir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(runDir, "dynamodb.pid"))
	if err != nil {
		t.Fatalf("no PID recorded in %s: %v", runDir, err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	_, after, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(after, "Z")
}

// TestStopStopsOnlyWhatItsRunStarted: a stop ends only emulators its caller started or uses,
// and never one another run still uses: two stacks in run directories of their own stop
// independently, and two runs sharing a run directory share its emulator until the last stops.
func TestStopStopsOnlyWhatItsRunStarted(t *testing.T) {
	// An integration test like the others: make test, which installs and starts the emulators,
	// runs it; a plain go test skips it (and CI, where the emulators must be there, fails).
	if os.Getenv("AWS_ENDPOINT_URL_DYNAMODB") == "" {
		msg := "the emulators are not running (AWS_ENDPOINT_URL_DYNAMODB unset): run tests with `make test`, which installs and starts them"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if testing.Short() {
		t.Skip("starts DynamoDB Local three times")
	}
	script, err := filepath.Abs("scripts/emulators.sh")
	if err != nil {
		t.Fatal(err)
	}
	env := func(runDir string) []string {
		// A random preferred port, so that the test never meets the port of a stack that runs.
		return append(os.Environ(), "PAXSCREEN_RUN_DIR="+runDir, "DYNAMODB_PORT="+strconv.Itoa(20000+os.Getpid()%20000))
	}
	start, stop := script+" start dynamodb", script+" stop dynamodb"

	t.Run("two stacks", func(t *testing.T) {
		dirA, dirB := t.TempDir(), t.TempDir()
		a, b := newShell(t, env(dirA)), newShell(t, env(dirB))
		// Started at once, as two stacks on one machine would be (and to halve the wait).
		var wg sync.WaitGroup
		outs, codes := [2]string{}, [2]int{}
		for i, sh := range []*shell{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], codes[i] = sh.run("cd " + []string{dirA, dirB}[i] + " && " + start)
			}()
		}
		wg.Wait()
		for i := range 2 {
			if codes[i] != 0 {
				t.Fatalf("start of stack %c: exit %d\n%s", 'A'+i, codes[i], outs[i])
			}
		}
		pa, pb := pidOf(t, dirA), pidOf(t, dirB)
		if pa == pb {
			t.Fatalf("both stacks report pid %d", pa)
		}
		t.Cleanup(func() { syscall.Kill(-pa, syscall.SIGKILL); syscall.Kill(-pb, syscall.SIGKILL) })
		a.must(t, stop)
		if running(pa) || !running(pb) {
			t.Errorf("after stopping stack A: A runs %v (want false), B runs %v (want true)", running(pa), running(pb))
		}
		b.must(t, stop)
		if running(pb) {
			t.Errorf("stack B's DynamoDB Local (pid %d) runs after its stop", pb)
		}
	})

	t.Run("two runs of one run directory", func(t *testing.T) {
		dir := t.TempDir()
		first, second, stranger := newShell(t, env(dir)), newShell(t, env(dir)), newShell(t, env(dir))
		first.must(t, "cd "+dir+" && "+start)
		pid := pidOf(t, dir)
		t.Cleanup(func() { syscall.Kill(-pid, syscall.SIGKILL) })
		second.must(t, "cd "+dir+" && "+start)
		if got := pidOf(t, dir); got != pid {
			t.Fatalf("the second run started pid %d beside %d", got, pid)
		}
		out := stranger.must(t, stop)
		if !running(pid) {
			t.Fatalf("a stop from a run that neither started nor used it ended pid %d:\n%s", pid, out)
		}
		first.must(t, stop)
		if !running(pid) {
			t.Fatalf("the starter's stop ended pid %d while the second run still uses it", pid)
		}
		// status exits 3 because fauxqs was never started here.
		if out := second.must(t, script+" status || true"); !strings.Contains(out, "dynamodb  running") {
			t.Errorf("status after the starter's stop:\n%s", out)
		}
		second.must(t, stop)
		deadline := time.Now().Add(15 * time.Second)
		for running(pid) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if running(pid) {
			t.Errorf("pid %d runs after the last run using it stopped", pid)
		}
	})
}
