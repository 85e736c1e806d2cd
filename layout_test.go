package paxscreen_test

import (
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// groups are the directories whose packages the README lists on one line, by name.
var groups = []string{"shared/devstack", "shared/testkit", "shared/stream"}

// layoutBlock is the code block under the README's "## Layout" heading.
func layoutBlock(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "\n## Layout\n")
	if !ok {
		t.Fatal("README.md has no ## Layout section")
	}
	_, block, ok := strings.Cut(after, "```\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("the Layout section has no code block")
	}
	return block
}

// TestLayoutDocsMatchTheTree: the README's layout and docs/ARCHITECTURE.md name every package
// directory below shared/ (a group's packages on the group's line of the README), and the README
// names no directory that is gone, so a package moved or added without its line fails here.
func TestLayoutDocsMatchTheTree(t *testing.T) {
	block := layoutBlock(t)
	arch, err := os.ReadFile("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(block, "\n")
	lineOf := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		return ""
	}
	for _, p := range listPackages(t) {
		rel, ok := relPath(p.ImportPath)
		if !ok || !strings.HasPrefix(rel, "shared/") {
			continue
		}
		top := strings.Join(strings.SplitN(rel, "/", 3)[:2], "/")
		if g := path.Dir(rel); slices.Contains(groups, g) {
			if l := lineOf(g+"/ ") + lineOf(g+" "); !regexp.MustCompile(`\b` + path.Base(rel) + `\b`).MatchString(l) {
				t.Errorf("README layout: the %s/ line does not name %s", g, path.Base(rel))
			}
			if !strings.Contains(string(arch), path.Base(rel)) {
				t.Errorf("docs/ARCHITECTURE.md does not name %s", rel)
			}
			continue
		}
		if !regexp.MustCompile(`(^|[\s;(])` + top + `\b`).MatchString(block) {
			t.Errorf("README layout does not name %s", top)
		}
		if !strings.Contains(string(arch), "`"+top) {
			t.Errorf("docs/ARCHITECTURE.md does not name %s", top)
		}
	}
	for _, name := range regexp.MustCompile(`\bshared/[a-z][a-z0-9/]*`).FindAllString(block, -1) {
		if fi, err := os.Stat(strings.TrimSuffix(name, "/")); err != nil || !fi.IsDir() {
			t.Errorf("README layout names %s, which is not a directory", name)
		}
	}
}
