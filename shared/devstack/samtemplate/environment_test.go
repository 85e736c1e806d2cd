package samtemplate

import (
	"maps"
	"strings"
	"testing"
)

const envTemplate = `
Parameters:
  Level:
    Type: String
    Default: MEDIUM
  Hours:
    Type: Number
    Default: 48
  Secret:
    Type: String
    NoEcho: true
Globals:
  Function:
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          LEVEL: !Ref Level
          HOURS: !Ref Hours
          FIXED: "20"
          SECRET: !Ref Secret
          URL: !Sub "https://${Table}/x"
`

func TestEnvironmentResolvesWhatADefaultDeploymentWouldSet(t *testing.T) {
	tpl, err := Parse([]byte(envTemplate))
	if err != nil {
		t.Fatal(err)
	}
	local := map[string]string{"TABLE_NAME": "local-table", "SECRET": "s", "URL": "http://127.0.0.1", "NOT_DECLARED": "x"}
	got, err := tpl.Environment("Fn", local)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"TABLE_NAME": "local-table", "LEVEL": "MEDIUM", "HOURS": "48", "FIXED": "20", "SECRET": "s", "URL": "http://127.0.0.1"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A local value replaces even a resolvable template value.
	if got, _ := tpl.Environment("Fn", map[string]string{"TABLE_NAME": "t", "SECRET": "s", "URL": "u", "LEVEL": "HIGH"}); got["LEVEL"] != "HIGH" {
		t.Errorf("LEVEL %q, want the local HIGH", got["LEVEL"])
	}
}

func TestEnvironmentNamesWhatOnlyADeploymentKnows(t *testing.T) {
	tpl, err := Parse([]byte(envTemplate))
	if err != nil {
		t.Fatal(err)
	}
	_, err = tpl.Environment("Fn", nil)
	if err == nil {
		t.Fatal("no error for unresolvable variables")
	}
	for _, name := range []string{"TABLE_NAME", "SECRET", "URL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
	if strings.Contains(err.Error(), "LEVEL") || strings.Contains(err.Error(), "HOURS") {
		t.Errorf("error %q names a variable with a default", err)
	}
	if _, err := tpl.Environment("Missing", nil); err == nil {
		t.Error("no error for a function the template lacks")
	}
}
