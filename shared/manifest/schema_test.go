package manifest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("manifest.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("manifest.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSampleManifestMatchesSchema(t *testing.T) {
	s := compileSchema(t)
	b, err := os.ReadFile("testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("valid.json does not match the schema: %v", err)
	}
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"organiser":{},"flight":{},"persons":[],"extra":1}`))
	if s.Validate(bad) == nil {
		t.Fatal("schema accepts a manifest with no persons and an unknown member")
	}
}

// TestSchemaDescribesEveryField keeps the schema and the Go model in step: every JSON member of
// the model is in the schema and the other way round.
func TestSchemaDescribesEveryField(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, typ reflect.Type, node map[string]any)
	walk = func(path string, typ reflect.Type, node map[string]any) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
			if items, ok := node["items"].(map[string]any); ok {
				node = items
			}
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		props, _ := node["properties"].(map[string]any)
		var goNames, schemaNames []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			goNames = append(goNames, name)
			child, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("%s/%s is in the model but not in the schema", path, name)
				continue
			}
			walk(path+"/"+name, f.Type, child)
		}
		for name := range props {
			schemaNames = append(schemaNames, name)
		}
		sort.Strings(goNames)
		sort.Strings(schemaNames)
		if !reflect.DeepEqual(goNames, schemaNames) {
			t.Errorf("%s: model has %v, schema has %v", path, goNames, schemaNames)
		}
	}
	walk("", reflect.TypeOf(Manifest{}), schema)
}

// TestReadmeListsEveryRequiredField: the README's table of required fields names every member the
// schema requires, so that a reader of the README alone can write a manifest that is accepted.
func TestReadmeListsEveryRequiredField(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "Required fields")
	if !ok {
		t.Fatal("README has no Required fields table")
	}
	section, _, _ = strings.Cut(section, "\n\n### ")
	var schema map[string]any
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, node any)
	walk = func(path string, node any) {
		switch n := node.(type) {
		case map[string]any:
			if req, ok := n["required"].([]any); ok {
				for _, r := range req {
					if !strings.Contains(section, "`"+r.(string)+"`") {
						t.Errorf("README's required fields lack %s/%s", path, r)
					}
				}
			}
			for k, v := range n {
				walk(path+"/"+k, v)
			}
		case []any:
			for _, v := range n {
				walk(path, v)
			}
		}
	}
	walk("", schema)
}

// TestSampleManifestsMatchSchema: every sample manifest of events/manifests, the evacuation
// flight with its tazkira (no expiry) and its child on the father's passport (holder) included,
// is what the schema describes.
func TestSampleManifestsMatchSchema(t *testing.T) {
	s := compileSchema(t)
	files, err := filepath.Glob("../../events/manifests/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample manifests: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s does not match the schema: %v", name, err)
		}
	}
}
