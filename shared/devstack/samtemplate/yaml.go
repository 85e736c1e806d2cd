package samtemplate

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// shortForms maps each CloudFormation short-form tag to the key of its long form. Tags not listed
// are rejected rather than passed through, because CloudFormation itself would reject them.
var shortForms = map[string]string{
	"!Ref":          "Ref",
	"!Condition":    "Condition",
	"!GetAtt":       "Fn::GetAtt",
	"!Sub":          "Fn::Sub",
	"!If":           "Fn::If",
	"!Equals":       "Fn::Equals",
	"!Not":          "Fn::Not",
	"!And":          "Fn::And",
	"!Or":           "Fn::Or",
	"!Select":       "Fn::Select",
	"!Join":         "Fn::Join",
	"!Split":        "Fn::Split",
	"!FindInMap":    "Fn::FindInMap",
	"!GetAZs":       "Fn::GetAZs",
	"!ImportValue":  "Fn::ImportValue",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!Transform":    "Fn::Transform",
	"!Length":       "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

// decodeYAML parses one YAML document into the JSON form of a template: maps, slices, strings,
// numbers, booleans and nil, with every short-form tag expanded to its long form.
func decodeYAML(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		return nil, fmt.Errorf("empty document")
	}
	return convert(&doc)
}

func convert(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, fmt.Errorf("line %d: want one YAML document, found %d", n.Line, len(n.Content))
		}
		return convert(n.Content[0])
	case yaml.AliasNode:
		return convert(n.Alias)
	}
	if isLocalTag(n.Tag) {
		return convertShortForm(n)
	}
	switch n.Kind {
	case yaml.MappingNode:
		return convertMapping(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := convert(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		// CloudFormation has no timestamps: AWSTemplateFormatVersion: 2010-09-09 is text.
		if n.ShortTag() == "!!timestamp" {
			return n.Value, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return v, nil
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node kind %d", n.Line, n.Kind)
}

// isLocalTag tells a user tag such as !Ref from the standard !!str family and from the
// non-specific "!", which only forces a scalar to be a string.
func isLocalTag(tag string) bool {
	return strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!") && tag != "!"
}

func convertShortForm(n *yaml.Node) (any, error) {
	key, ok := shortForms[n.Tag]
	if !ok {
		return nil, fmt.Errorf("line %d: unknown tag %s", n.Line, n.Tag)
	}
	var arg any
	if n.Kind == yaml.ScalarNode {
		// The tag replaces YAML's own resolution, so the argument stays text: !Ref 123 names
		// the resource 123, it is not a number.
		arg = n.Value
	} else {
		clone := *n
		clone.Tag = ""
		v, err := convert(&clone)
		if err != nil {
			return nil, err
		}
		arg = v
	}
	if key == "Fn::GetAtt" {
		if s, ok := arg.(string); ok {
			// Only the first dot separates the resource from the attribute: "Stack.Outputs.Url"
			// is attribute Outputs.Url of Stack.
			res, attr, found := strings.Cut(s, ".")
			if !found || res == "" || attr == "" {
				return nil, fmt.Errorf("line %d: !GetAtt %q: want Resource.Attribute", n.Line, s)
			}
			arg = []any{res, attr}
		}
	}
	return map[string]any{key: arg}, nil
}

func convertMapping(n *yaml.Node) (map[string]any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: mapping keys must be scalars", k.Line)
		}
		if k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if _, dup := out[k.Value]; dup {
			return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
		}
		val, err := convert(v)
		if err != nil {
			return nil, err
		}
		out[k.Value] = val
	}
	// Merge keys (<<) fill in only what the mapping does not set itself, the earlier source
	// winning among several.
	for _, m := range merges {
		sources := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, s := range sources {
			v, err := convert(s)
			if err != nil {
				return nil, err
			}
			mm, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("line %d: merge key needs a mapping", s.Line)
			}
			for key, val := range mm {
				if _, set := out[key]; !set {
					out[key] = val
				}
			}
		}
	}
	return out, nil
}
