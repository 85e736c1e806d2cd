package samtemplate

import (
	"os"
	"reflect"
	"testing"
)

const functionsTemplate = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
    Description: Deployment stage.
  Secret:
    Type: String
    NoEcho: true
Globals:
  Function:
    Runtime: provided.al2023
    Timeout: 10
    Layers: [arn:global]
    LoggingConfig:
      LogFormat: JSON
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
        LOG_LEVEL: INFO
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
  Api:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      CodeUri: .
      Timeout: 20
      Layers: [arn:own]
      Environment:
        Variables:
          LOG_LEVEL: DEBUG
          SECRET: !Ref Secret
      Events:
        Get:
          Type: HttpApi
          Properties: {Method: get, Path: "/items/{id}"}
        Put:
          Type: HttpApi
          Properties: {Path: /items}
        CatchAll:
          Type: HttpApi
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
            FilterCriteria:
              Filters: [{Pattern: '{"eventName": ["INSERT"]}'}]
  Bare:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Environment, Layers]
    Properties:
      CodeUri: {Bucket: b, Key: k}
  Alone:
    Type: AWS::Serverless::Function
    IgnoreGlobals: "*"
`

func TestFunctions(t *testing.T) {
	tpl := mustParse(t, functionsTemplate)
	fns := tpl.Functions()
	var ids []string
	for _, f := range fns {
		ids = append(ids, f.LogicalID)
	}
	if want := []string{"Alone", "Api", "Bare"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("Functions() = %v, want %v", ids, want)
	}
	alone, api, bare := fns[0], fns[1], fns[2]

	checks := []struct {
		name      string
		got, want any
	}{
		{"Api CodeURI", api.CodeURI, "."},
		{"Api BuildMethod", api.BuildMethod, "makefile"},
		{"Api Environment merges Globals", api.Environment, map[string]any{
			"TABLE_NAME": map[string]any{"Ref": "Table"},
			"LOG_LEVEL":  "DEBUG",
			"SECRET":     map[string]any{"Ref": "Secret"},
		}},
		{"Api Timeout overrides Globals", api.Properties["Timeout"], 20},
		{"Api Runtime from Globals", api.Properties["Runtime"], "provided.al2023"},
		{"Api Layers concatenate", api.Properties["Layers"], []any{"arn:global", "arn:own"}},
		{"Api LoggingConfig from Globals", api.Properties["LoggingConfig"], map[string]any{"LogFormat": "JSON"}},
		{"Api Routes", api.Routes, []string{"$default", "ANY /items", "GET /items/{id}"}},
		{"Api stream event type", api.Events["Changes"].Type, "DynamoDB"},
		{"Api stream event keeps FilterCriteria", api.Events["Changes"].Properties["FilterCriteria"], map[string]any{
			"Filters": []any{map[string]any{"Pattern": `{"eventName": ["INSERT"]}`}},
		}},
		{"Bare ignores Environment", bare.Environment, map[string]any(nil)},
		{"Bare ignores Layers", bare.Properties["Layers"], nil},
		{"Bare keeps other Globals", bare.Properties["Runtime"], "provided.al2023"},
		{"Bare CodeURI of an S3 location", bare.CodeURI, ""},
		{"Bare BuildMethod", bare.BuildMethod, ""},
		{"Bare Routes", bare.Routes, []string(nil)},
		{"Alone ignores all Globals", len(alone.Properties), 0},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}

	// Merging must not write into the Globals it reads.
	again := tpl.Functions()
	if !reflect.DeepEqual(again[1].Environment, api.Environment) || !reflect.DeepEqual(again[2].Environment, bare.Environment) {
		t.Error("a second Functions() call differs from the first")
	}
}

func TestMergeGlobals(t *testing.T) {
	ref := map[string]any{"Ref": "X"}
	tests := []struct {
		name                string
		global, local, want any
	}{
		{"local primitive wins", 10, 20, 20},
		{"global kept when local absent", 10, nil, 10},
		{"local kept when global absent", nil, 20, 20},
		{"lists concatenate, globals first", []any{"a"}, []any{"b", "a"}, []any{"a", "b", "a"}},
		{"maps merge recursively",
			map[string]any{"A": 1, "M": map[string]any{"x": 1, "y": 2}},
			map[string]any{"B": 2, "M": map[string]any{"y": 3}},
			map[string]any{"A": 1, "B": 2, "M": map[string]any{"x": 1, "y": 3}}},
		{"intrinsic global is a primitive", ref, map[string]any{"k": 1}, map[string]any{"k": 1}},
		{"intrinsic local is a primitive", map[string]any{"k": 1}, ref, ref},
		{"kinds differ: local wins", []any{"a"}, "b", "b"},
		{"map and list: local wins", map[string]any{"k": 1}, []any{"a"}, []any{"a"}},
		{"nil global map", map[string]any(nil), map[string]any{"k": 1}, map[string]any{"k": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mergeGlobals(tt.global, tt.local); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mergeGlobals(%v, %v) = %#v, want %#v", tt.global, tt.local, got, tt.want)
			}
		})
	}
}

func TestResourcesAndParameters(t *testing.T) {
	tpl := mustParse(t, functionsTemplate)
	res := tpl.Resources()
	if len(res) != 4 || res["Table"].Type != "AWS::DynamoDB::Table" || res["Api"].Metadata["BuildMethod"] != "makefile" {
		t.Errorf("Resources() = %v", res)
	}
	if res["Alone"].Properties != nil {
		t.Errorf("Alone has Properties %v, want nil", res["Alone"].Properties)
	}
	params := tpl.Parameters()
	want := map[string]Parameter{
		"Stage": {Type: "String", Default: "prod", Description: "Deployment stage.",
			Properties: map[string]any{"Type": "String", "Default": "prod", "Description": "Deployment stage."}},
		"Secret": {Type: "String", NoEcho: true, Properties: map[string]any{"Type": "String", "NoEcho": true}},
	}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("Parameters() = %#v, want %#v", params, want)
	}
	if tpl.Raw()["Transform"] != "AWS::Serverless-2016-10-31" {
		t.Errorf("Raw()[Transform] = %v", tpl.Raw()["Transform"])
	}
}

func mustParse(t *testing.T, yaml string) *Template {
	t.Helper()
	tpl, err := Parse([]byte(yaml))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return tpl
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
