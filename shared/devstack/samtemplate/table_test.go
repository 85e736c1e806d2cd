package samtemplate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const tablesTemplate = `
Resources:
  OnDemand:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: PK, AttributeType: S}
        - {AttributeName: SK, AttributeType: S}
        - {AttributeName: G1, AttributeType: N}
        - {AttributeName: L1, AttributeType: S}
      KeySchema:
        - {AttributeName: PK, KeyType: HASH}
        - {AttributeName: SK, KeyType: RANGE}
      GlobalSecondaryIndexes:
        - IndexName: ByG1
          KeySchema: [{AttributeName: G1, KeyType: HASH}]
          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [status, level]}
      LocalSecondaryIndexes:
        - IndexName: ByL1
          KeySchema: [{AttributeName: PK, KeyType: HASH}, {AttributeName: L1, KeyType: RANGE}]
          Projection: {ProjectionType: KEYS_ONLY}
      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
      SSESpecification: {SSEEnabled: true}
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
  Provisioned:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}, {AttributeName: G, AttributeType: S}]
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: "2"}
      GlobalSecondaryIndexes:
        - IndexName: ByG
          KeySchema: [{AttributeName: G, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
      TimeToLiveSpecification: {AttributeName: ttl, Enabled: "false"}
  NoThroughput:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}]
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
  RefKey:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: !Ref KeyName, AttributeType: S}]
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
  NoKeys:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}]
  BadIndexes:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}]
      KeySchema: [{AttributeName: PK, KeyType: HASH}]
      GlobalSecondaryIndexes: {IndexName: NotAList}
  Topic:
    Type: AWS::SNS::Topic
`

func TestTableInput(t *testing.T) {
	tpl := mustParse(t, tablesTemplate)
	key := func(name string, kt types.KeyType) types.KeySchemaElement {
		return types.KeySchemaElement{AttributeName: aws.String(name), KeyType: kt}
	}
	attr := func(name string, at types.ScalarAttributeType) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: at}
	}
	tests := []struct {
		id      string
		want    *dynamodb.CreateTableInput
		wantErr string
	}{
		{id: "OnDemand", want: &dynamodb.CreateTableInput{
			TableName:   aws.String("t"),
			BillingMode: types.BillingModePayPerRequest,
			AttributeDefinitions: []types.AttributeDefinition{
				attr("PK", types.ScalarAttributeTypeS), attr("SK", types.ScalarAttributeTypeS),
				attr("G1", types.ScalarAttributeTypeN), attr("L1", types.ScalarAttributeTypeS),
			},
			KeySchema: []types.KeySchemaElement{key("PK", types.KeyTypeHash), key("SK", types.KeyTypeRange)},
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
				IndexName: aws.String("ByG1"),
				KeySchema: []types.KeySchemaElement{key("G1", types.KeyTypeHash)},
				Projection: &types.Projection{
					ProjectionType:   types.ProjectionTypeInclude,
					NonKeyAttributes: []string{"status", "level"},
				},
			}},
			LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
				IndexName:  aws.String("ByL1"),
				KeySchema:  []types.KeySchemaElement{key("PK", types.KeyTypeHash), key("L1", types.KeyTypeRange)},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
			}},
			StreamSpecification: &types.StreamSpecification{
				StreamEnabled:  aws.Bool(true),
				StreamViewType: types.StreamViewTypeNewAndOldImages,
			},
		}},
		{id: "Provisioned", want: &dynamodb.CreateTableInput{
			TableName:            aws.String("t"),
			AttributeDefinitions: []types.AttributeDefinition{attr("PK", types.ScalarAttributeTypeS), attr("G", types.ScalarAttributeTypeS)},
			KeySchema:            []types.KeySchemaElement{key("PK", types.KeyTypeHash)},
			ProvisionedThroughput: &types.ProvisionedThroughput{
				ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(2),
			},
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
				IndexName:  aws.String("ByG"),
				KeySchema:  []types.KeySchemaElement{key("G", types.KeyTypeHash)},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
				ProvisionedThroughput: &types.ProvisionedThroughput{
					ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1),
				},
			}},
		}},
		{id: "NoThroughput", wantErr: "NoThroughput.Properties.ProvisionedThroughput: missing (BillingMode is PROVISIONED)"},
		{id: "RefKey", wantErr: "RefKey.Properties.AttributeDefinitions[0].AttributeName: want a literal string"},
		{id: "NoKeys", wantErr: "NoKeys.Properties.KeySchema: missing"},
		{id: "BadIndexes", wantErr: "BadIndexes.Properties.GlobalSecondaryIndexes: want a list"},
		{id: "Topic", wantErr: "resource Topic is a AWS::SNS::Topic, not a AWS::DynamoDB::Table"},
		{id: "Missing", wantErr: `template has no resource "Missing"`},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := tpl.TableInput(tt.id, "t")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("TableInput(%s) error = %v, want %q", tt.id, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("TableInput(%s): %v", tt.id, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("TableInput(%s)\n got %+v\nwant %+v", tt.id, got, tt.want)
			}
		})
	}
}

func TestTTLAttribute(t *testing.T) {
	tpl := mustParse(t, tablesTemplate)
	tests := []struct {
		id      string
		name    string
		enabled bool
	}{
		{"OnDemand", "expiresAt", true},
		{"Provisioned", "ttl", false},
		{"NoThroughput", "", false},
		{"Topic", "", false},
		{"Missing", "", false},
	}
	for _, tt := range tests {
		name, enabled := tpl.TTLAttribute(tt.id)
		if name != tt.name || enabled != tt.enabled {
			t.Errorf("TTLAttribute(%s) = %q, %v; want %q, %v", tt.id, name, enabled, tt.name, tt.enabled)
		}
	}
}
