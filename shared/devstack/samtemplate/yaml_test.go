package samtemplate

import (
	"reflect"
	"strings"
	"testing"
)

func TestDecodeYAML(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want any
	}{
		{"Ref", "!Ref Table", map[string]any{"Ref": "Table"}},
		{"Ref keeps digits as text", "!Ref 123", map[string]any{"Ref": "123"}},
		{"Condition", "!Condition IsProd", map[string]any{"Condition": "IsProd"}},
		{"GetAtt dotted", "!GetAtt Table.Arn", map[string]any{"Fn::GetAtt": []any{"Table", "Arn"}}},
		{"GetAtt splits at the first dot", "!GetAtt Stack.Outputs.Url", map[string]any{"Fn::GetAtt": []any{"Stack", "Outputs.Url"}}},
		{"GetAtt list", "!GetAtt [Table, StreamArn]", map[string]any{"Fn::GetAtt": []any{"Table", "StreamArn"}}},
		{"Sub string", "!Sub 'arn:${AWS::Partition}:sns'", map[string]any{"Fn::Sub": "arn:${AWS::Partition}:sns"}},
		{
			"Sub list", "!Sub ['${A}-x', {A: !Ref B}]",
			map[string]any{"Fn::Sub": []any{"${A}-x", map[string]any{"A": map[string]any{"Ref": "B"}}}},
		},
		{
			"If", "!If [IsProd, 5, !Ref AWS::NoValue]",
			map[string]any{"Fn::If": []any{"IsProd", 5, map[string]any{"Ref": "AWS::NoValue"}}},
		},
		{
			"Equals", "!Equals [!Ref Stage, prod]",
			map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "Stage"}, "prod"}},
		},
		{
			"Not", "!Not [!Condition IsProd]",
			map[string]any{"Fn::Not": []any{map[string]any{"Condition": "IsProd"}}},
		},
		{
			"And and Or", "!And [!Condition A, !Or [!Condition B, !Condition C]]",
			map[string]any{"Fn::And": []any{
				map[string]any{"Condition": "A"},
				map[string]any{"Fn::Or": []any{map[string]any{"Condition": "B"}, map[string]any{"Condition": "C"}}},
			}},
		},
		{
			"Select with GetAZs", "!Select [0, !GetAZs '']",
			map[string]any{"Fn::Select": []any{0, map[string]any{"Fn::GetAZs": ""}}},
		},
		{"Join", "!Join [',', [a, b]]", map[string]any{"Fn::Join": []any{",", []any{"a", "b"}}}},
		{"Split", "!Split [',', 'a,b']", map[string]any{"Fn::Split": []any{",", "a,b"}}},
		{"FindInMap", "!FindInMap [Map, Key, Value]", map[string]any{"Fn::FindInMap": []any{"Map", "Key", "Value"}}},
		{"ImportValue", "!ImportValue shared-vpc", map[string]any{"Fn::ImportValue": "shared-vpc"}},
		{"Base64", "!Base64 hello", map[string]any{"Fn::Base64": "hello"}},
		{"Cidr", "!Cidr [10.0.0.0/16, 4, 8]", map[string]any{"Fn::Cidr": []any{"10.0.0.0/16", 4, 8}}},
		{
			"tags nested in mappings", "Value: {Name: !Sub '${Stage}-x', Arn: !GetAtt T.Arn}",
			map[string]any{"Value": map[string]any{
				"Name": map[string]any{"Fn::Sub": "${Stage}-x"},
				"Arn":  map[string]any{"Fn::GetAtt": []any{"T", "Arn"}},
			}},
		},
		{"integer", "10", 10},
		{"quoted integer", "'10'", "10"},
		{"float", "1.5", 1.5},
		{"bool", "true", true},
		{"null", "~", nil},
		{"date stays text", "2010-09-09", "2010-09-09"},
		{"alias", "{a: &x {k: 1}, b: *x}", map[string]any{"a": map[string]any{"k": 1}, "b": map[string]any{"k": 1}}},
		{
			"merge key yields to explicit keys", "{base: &b {k: 1, j: 2}, m: {<<: *b, k: 3}}",
			map[string]any{"base": map[string]any{"k": 1, "j": 2}, "m": map[string]any{"k": 3, "j": 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeYAML([]byte(tt.yaml))
			if err != nil {
				t.Fatalf("decodeYAML(%q): %v", tt.yaml, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decodeYAML(%q)\n got %#v\nwant %#v", tt.yaml, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown tag", "Resources: {A: !Bogus x}", "unknown tag !Bogus"},
		{"duplicate key", "Resources: {}\nResources: {}", `duplicate key "Resources"`},
		{"GetAtt without attribute", "Resources: {A: !GetAtt Table}", "want Resource.Attribute"},
		{"non-scalar key", "Resources: {}\n? [a]\n: 1", "keys must be scalars"},
		{"not a mapping", "[a, b]", "not a mapping"},
		{"no resources", "Description: x", "no Resources"},
		{"empty", "", "empty document"},
		{"invalid YAML", "Resources: [", "did not find expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.yaml, err, tt.want)
			}
		})
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	if _, err := Load("testdata-does-not-exist.yaml"); err == nil {
		t.Fatal("Load of a missing file succeeded")
	}
	path := t.TempDir() + "/bad.yaml"
	writeFile(t, path, "Resources: {A: !Bogus x}")
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Load error = %v, want it to name %s", err, path)
	}
}
