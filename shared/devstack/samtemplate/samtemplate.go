// Package samtemplate reads the project's SAM template so that tests and the local stack can
// rely on what template.yaml declares instead of restating it in code.
//
// The template is read in its JSON form: CloudFormation short-form tags such as !Ref and
// !GetAtt become their long forms ({"Ref": ...}, {"Fn::GetAtt": [...]}) and every value is a
// plain Go value (map[string]any, []any, string, int, float64, bool or nil). That is the form the
// SAM JSON Schema describes, and it keeps every property, including those that typed template
// libraries silently drop.
package samtemplate

import (
	"fmt"
	"os"
)

// Template is a parsed SAM template.
type Template struct {
	raw map[string]any
}

// Resource is one entry of the template's Resources section.
type Resource struct {
	Type       string
	Properties map[string]any // nil when the resource has none
	Metadata   map[string]any // nil when the resource has none
}

// Parameter is one entry of the template's Parameters section.
type Parameter struct {
	Type        string
	Description string
	Default     any // nil when the parameter has no default
	NoEcho      bool
	Properties  map[string]any // everything declared, including the fields above
}

// Load reads and parses the template at path.
func Load(path string) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse parses a template from its YAML (or JSON, a subset of YAML) text.
func Parse(data []byte) (*Template, error) {
	v, err := decodeYAML(data)
	if err != nil {
		return nil, err
	}
	raw, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("template is a %T, not a mapping", v)
	}
	if _, ok := raw["Resources"].(map[string]any); !ok {
		return nil, fmt.Errorf("template has no Resources mapping")
	}
	return &Template{raw: raw}, nil
}

// Raw returns the whole template in its JSON form. It is the template's own data, not a copy.
func (t *Template) Raw() map[string]any { return t.raw }

// Resources returns every resource by logical ID.
func (t *Template) Resources() map[string]Resource {
	out := make(map[string]Resource)
	for id, v := range mapOf(t.raw["Resources"]) {
		r := mapOf(v)
		out[id] = Resource{
			Type:       stringOf(r["Type"]),
			Properties: mapOf(r["Properties"]),
			Metadata:   mapOf(r["Metadata"]),
		}
	}
	return out
}

// Parameters returns every template parameter by name.
func (t *Template) Parameters() map[string]Parameter {
	out := make(map[string]Parameter)
	for name, v := range mapOf(t.raw["Parameters"]) {
		p := mapOf(v)
		noEcho, _ := p["NoEcho"].(bool)
		if s, ok := p["NoEcho"].(string); ok {
			noEcho = s == "true"
		}
		out[name] = Parameter{
			Type:        stringOf(p["Type"]),
			Description: stringOf(p["Description"]),
			Default:     p["Default"],
			NoEcho:      noEcho,
			Properties:  p,
		}
	}
	return out
}

// resource returns the resource with the given logical ID, checking its type.
func (t *Template) resource(logicalID, wantType string) (Resource, error) {
	r, ok := t.Resources()[logicalID]
	if !ok {
		return Resource{}, fmt.Errorf("template has no resource %q", logicalID)
	}
	if r.Type != wantType {
		return Resource{}, fmt.Errorf("resource %s is a %s, not a %s", logicalID, r.Type, wantType)
	}
	return r, nil
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
