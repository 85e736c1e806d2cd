package samtemplate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// compiledSchema is one schema file, compiled at most once per process: the SAM schema is
// 750 KB and takes far longer to compile than a template takes to validate.
type compiledSchema struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

var schemaCache struct {
	sync.Mutex
	byPath map[string]*compiledSchema
}

var printer = message.NewPrinter(language.English)

// ValidateSchema validates the template against the JSON Schema (draft-04, as the official SAM
// schema is) at schemaPath. The error lists every failure with its location in the template,
// such as /Resources/Fn/Properties/Events/Get/Properties.
func (t *Template) ValidateSchema(schemaPath string) error {
	sch, err := loadSchema(schemaPath)
	if err != nil {
		return err
	}
	err = sch.Validate(t.raw)
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	var msgs []string
	for _, leaf := range relevantLeaves(verr) {
		msgs = append(msgs, fmt.Sprintf("at %s: %s", pointer(leaf.InstanceLocation), leaf.ErrorKind.LocalizedString(printer)))
	}
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	return fmt.Errorf("template does not match %s:\n  %s", filepath.Base(schemaPath), strings.Join(msgs, "\n  "))
}

func loadSchema(path string) (*jsonschema.Schema, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	schemaCache.Lock()
	if schemaCache.byPath == nil {
		schemaCache.byPath = make(map[string]*compiledSchema)
	}
	c, ok := schemaCache.byPath[abs]
	if !ok {
		c = &compiledSchema{}
		schemaCache.byPath[abs] = c
	}
	schemaCache.Unlock()

	c.once.Do(func() { c.schema, c.err = compileSchema(abs) })
	return c.schema, c.err
}

func compileSchema(path string) (*jsonschema.Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.UseRegexpEngine(compileRegexp)
	url := "file://" + filepath.ToSlash(path)
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling %s: %w", path, err)
	}
	return sch, nil
}

// relevantLeaves returns the innermost failures worth reporting. A SAM resource or event is an
// anyOf over every resource or event type, so one misspelt event property fails all nineteen
// event types. Only the branch meant says what is wrong: one whose Type matched, and among those
// the one that got deepest into the template with the fewest complaints. When no branch's Type
// matched, the Type itself is wrong and the same ranking picks the nearest types.
func relevantLeaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	_, anyOf := e.ErrorKind.(*kind.AnyOf)
	_, oneOf := e.ErrorKind.(*kind.OneOf)
	if !anyOf && !oneOf {
		var out []*jsonschema.ValidationError
		for _, c := range e.Causes {
			out = append(out, relevantLeaves(c)...)
		}
		return out
	}
	var all, typed [][]*jsonschema.ValidationError
	for _, c := range e.Causes {
		leaves := relevantLeaves(c)
		all = append(all, leaves)
		if !slices.ContainsFunc(leaves, rejectsType) {
			typed = append(typed, leaves)
		}
	}
	if len(typed) > 0 {
		return closest(typed)
	}
	return closest(all)
}

// rejectsType reports whether a failure is a branch refusing the value of a Type property:
// the discriminator of SAM's resources and events.
func rejectsType(e *jsonschema.ValidationError) bool {
	if len(e.InstanceLocation) == 0 || e.InstanceLocation[len(e.InstanceLocation)-1] != "Type" {
		return false
	}
	switch e.ErrorKind.(type) {
	case *kind.Enum, *kind.Const, *kind.Pattern:
		return true
	}
	return false
}

// closest returns the failures of the branches that got deepest into the instance and, among
// those, complained least.
func closest(branches [][]*jsonschema.ValidationError) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	bestDepth, bestCount := -1, 0
	for _, leaves := range branches {
		d := 0
		for _, l := range leaves {
			d = max(d, len(l.InstanceLocation))
		}
		switch {
		case d > bestDepth || d == bestDepth && len(leaves) < bestCount:
			out, bestDepth, bestCount = slices.Clone(leaves), d, len(leaves)
		case d == bestDepth && len(leaves) == bestCount:
			out = append(out, leaves...)
		}
	}
	return out
}

// pointer renders an instance location as a JSON Pointer (RFC 6901).
func pointer(loc []string) string {
	if len(loc) == 0 {
		return "/"
	}
	var sb strings.Builder
	for _, tok := range loc {
		sb.WriteByte('/')
		sb.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(tok))
	}
	return sb.String()
}
