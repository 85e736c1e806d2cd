package samtemplate

import (
	"os"
	"strings"
	"testing"
)

// samSchema is the official SAM schema among the project's shared reference data, relative to
// this package's directory.
const samSchema = "../../../../shared/data/sam.schema.json"

func schemaPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(samSchema); err != nil {
		t.Skipf("skipping schema validation: %s is absent (the project's shared reference data, see shared/data/README.md): %v", samSchema, err)
	}
	return samSchema
}

// validFunction is the start of a template whose function the cases below give events to.
const validFunction = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}]
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
  Failures:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      Runtime: provided.al2023
      Handler: bootstrap
      CodeUri: .
`

func TestValidateSchema(t *testing.T) {
	path := schemaPath(t)
	tests := []struct {
		name   string
		events string
		want   []string // substrings of the error; none for a valid template
	}{
		{name: "HttpApi, stream with the wiring DESIGN.md asks for, ScheduleV2", events: `
      Events:
        Get:
          Type: HttpApi
          Properties: {Method: GET, Path: /items}
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 10
            MaximumRetryAttempts: 5
            MaximumRecordAgeInSeconds: 3600
            BisectBatchOnFunctionError: true
            FunctionResponseTypes: [ReportBatchItemFailures]
            DestinationConfig:
              OnFailure: {Type: SNS, Destination: !Ref Failures}
            FilterCriteria:
              Filters: [{Pattern: '{"eventName": ["INSERT", "MODIFY"]}'}]
        Rescan:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(15 minutes)
            ScheduleExpressionTimezone: Europe/Amsterdam
            RetryPolicy: {MaximumRetryAttempts: 3}
`},
		{name: "misspelt HttpApi property", events: `
      Events:
        Get:
          Type: HttpApi
          Properties: {Methd: GET, Path: /items}
`, want: []string{"at /Resources/Fn/Properties/Events/Get/Properties: additional properties 'Methd' not allowed"}},
		{name: "misspelt stream property", events: `
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
            FunctionResponseType: [ReportBatchItemFailures]
`, want: []string{"at /Resources/Fn/Properties/Events/Changes/Properties: additional properties 'FunctionResponseType' not allowed"}},
		{name: "property one level too high", events: `
      Events:
        Get:
          Type: HttpApi
          Method: GET
`, want: []string{"at /Resources/Fn/Properties/Events/Get: additional properties 'Method' not allowed"}},
		{name: "two mistakes, both reported", events: `
      Events:
        Get:
          Type: HttpApi
          Properties: {Methd: GET}
        Rescan:
          Type: ScheduleV2
          Properties: {Schedule: rate(1 hour)}
`, want: []string{
			"at /Resources/Fn/Properties/Events/Get/Properties: additional properties 'Methd' not allowed",
			"at /Resources/Fn/Properties/Events/Rescan/Properties: additional properties 'Schedule' not allowed",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mustParse(t, validFunction+tt.events).ValidateSchema(path)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("ValidateSchema: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("ValidateSchema accepted an invalid template")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ValidateSchema error\n%v\nlacks %q", err, w)
				}
			}
			// Only the failures of the event type meant are worth reading, not those of the
			// eighteen other types the schema also tried.
			if lines := strings.Count(err.Error(), "\n"); lines != len(tt.want) {
				t.Errorf("ValidateSchema reported %d failures, want %d:\n%v", lines, len(tt.want), err)
			}
		})
	}
}

func TestValidateSchemaMisplacedResourceProperty(t *testing.T) {
	path := schemaPath(t)
	err := mustParse(t, validFunction+"    Timeout: 10\n").ValidateSchema(path)
	if want := "at /Resources/Fn: additional properties 'Timeout' not allowed"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("ValidateSchema error = %v, want %q", err, want)
	}
}

func TestSchemaCompiledOnce(t *testing.T) {
	path := schemaPath(t)
	a, err := loadSchema(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := loadSchema("./" + path)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same schema file was compiled twice")
	}
	if _, err := loadSchema("no-such-schema.json"); err == nil {
		t.Error("loadSchema of a missing file succeeded")
	}
}

func TestCompileRegexp(t *testing.T) {
	tests := []struct {
		pattern string
		matches map[string]bool
		wantErr bool
	}{
		{pattern: "^(?!AWS::Serverless::).+$", matches: map[string]bool{
			"AWS::DynamoDB::Table":       true,
			"AWS::Serverless::Function":  false,
			"AWS::Serverless":            true,
			"Custom::AWS::Serverless::X": true,
			"":                           false,
		}},
		{pattern: "^(?!a(b)[)]).$", matches: map[string]bool{"x": true, "a": true}},
		{pattern: "^[a-z]+$", matches: map[string]bool{"abc": true, "ABC": false}},
		{pattern: "^(?!a)b|c$", wantErr: true},
		{pattern: "(?<=a)b", wantErr: true},
		{pattern: "^(?!a", wantErr: true},
	}
	for _, tt := range tests {
		re, err := compileRegexp(tt.pattern)
		if tt.wantErr {
			if err == nil {
				t.Errorf("compileRegexp(%q) succeeded, want an error", tt.pattern)
			}
			continue
		}
		if err != nil {
			t.Errorf("compileRegexp(%q): %v", tt.pattern, err)
			continue
		}
		if re.String() != tt.pattern {
			t.Errorf("String() = %q, want %q", re.String(), tt.pattern)
		}
		for s, want := range tt.matches {
			if got := re.MatchString(s); got != want {
				t.Errorf("%q matching %q = %v, want %v", tt.pattern, s, got, want)
			}
		}
	}
}
