package samtemplate

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const tableType = "AWS::DynamoDB::Table"

// TableInput builds the CreateTableInput that creates tableName as the AWS::DynamoDB::Table
// resource logicalID declares it: attributes, key schema, secondary indexes with their
// projections, billing mode and stream. Server-side encryption, point-in-time recovery, TTL
// (see TTLAttribute), tags and deletion protection are left out: DynamoDB Local ignores or does
// not need them. Every value used must be a literal, not an intrinsic such as !Ref.
func (t *Template) TableInput(logicalID, tableName string) (*dynamodb.CreateTableInput, error) {
	r, err := t.resource(logicalID, tableType)
	if err != nil {
		return nil, err
	}
	p := field{path: logicalID + ".Properties", v: r.Properties}
	in := &dynamodb.CreateTableInput{TableName: aws.String(tableName)}

	attrs, err := p.get("AttributeDefinitions").list()
	if err != nil {
		return nil, err
	}
	for _, a := range attrs {
		name, err := a.get("AttributeName").str()
		if err != nil {
			return nil, err
		}
		typ, err := a.get("AttributeType").str()
		if err != nil {
			return nil, err
		}
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(name),
			AttributeType: types.ScalarAttributeType(typ),
		})
	}
	if in.KeySchema, err = keySchema(p.get("KeySchema")); err != nil {
		return nil, err
	}

	// CloudFormation's default billing mode is PROVISIONED, which needs throughput settings.
	provisioned := true
	if p.get("BillingMode").v != nil {
		mode, err := p.get("BillingMode").str()
		if err != nil {
			return nil, err
		}
		in.BillingMode = types.BillingMode(mode)
		provisioned = in.BillingMode == types.BillingModeProvisioned
	}
	if provisioned {
		if in.ProvisionedThroughput, err = throughput(p.get("ProvisionedThroughput")); err != nil {
			return nil, err
		}
	}

	gsis, err := p.get("GlobalSecondaryIndexes").list()
	if err != nil {
		return nil, err
	}
	for _, g := range gsis {
		name, keys, proj, err := index(g)
		if err != nil {
			return nil, err
		}
		gsi := types.GlobalSecondaryIndex{IndexName: name, KeySchema: keys, Projection: proj}
		if provisioned {
			if gsi.ProvisionedThroughput, err = throughput(g.get("ProvisionedThroughput")); err != nil {
				return nil, err
			}
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, gsi)
	}

	lsis, err := p.get("LocalSecondaryIndexes").list()
	if err != nil {
		return nil, err
	}
	for _, l := range lsis {
		name, keys, proj, err := index(l)
		if err != nil {
			return nil, err
		}
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes,
			types.LocalSecondaryIndex{IndexName: name, KeySchema: keys, Projection: proj})
	}

	if stream := p.get("StreamSpecification"); stream.v != nil {
		view, err := stream.get("StreamViewType").str()
		if err != nil {
			return nil, err
		}
		in.StreamSpecification = &types.StreamSpecification{
			StreamEnabled:  aws.Bool(true),
			StreamViewType: types.StreamViewType(view),
		}
	}
	return in, nil
}

// TTLAttribute returns the name of the time-to-live attribute of table logicalID, and whether
// the table declares TTL enabled.
func (t *Template) TTLAttribute(logicalID string) (string, bool) {
	r, err := t.resource(logicalID, tableType)
	if err != nil {
		return "", false
	}
	spec := field{v: r.Properties}.get("TimeToLiveSpecification")
	name, err := spec.get("AttributeName").str()
	if err != nil {
		return "", false
	}
	switch enabled := spec.get("Enabled").v.(type) {
	case bool:
		return name, enabled
	case string:
		return name, enabled == "true"
	}
	return "", false
}

func keySchema(f field) ([]types.KeySchemaElement, error) {
	elems, err := f.list()
	if err != nil {
		return nil, err
	}
	if len(elems) == 0 {
		return nil, fmt.Errorf("%s: missing", f.path)
	}
	var out []types.KeySchemaElement
	for _, e := range elems {
		name, err := e.get("AttributeName").str()
		if err != nil {
			return nil, err
		}
		kt, err := e.get("KeyType").str()
		if err != nil {
			return nil, err
		}
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(name), KeyType: types.KeyType(kt)})
	}
	return out, nil
}

func index(f field) (*string, []types.KeySchemaElement, *types.Projection, error) {
	name, err := f.get("IndexName").str()
	if err != nil {
		return nil, nil, nil, err
	}
	keys, err := keySchema(f.get("KeySchema"))
	if err != nil {
		return nil, nil, nil, err
	}
	pt, err := f.get("Projection").get("ProjectionType").str()
	if err != nil {
		return nil, nil, nil, err
	}
	proj := &types.Projection{ProjectionType: types.ProjectionType(pt)}
	nonKey, err := f.get("Projection").get("NonKeyAttributes").list()
	if err != nil {
		return nil, nil, nil, err
	}
	for _, a := range nonKey {
		s, err := a.str()
		if err != nil {
			return nil, nil, nil, err
		}
		proj.NonKeyAttributes = append(proj.NonKeyAttributes, s)
	}
	return aws.String(name), keys, proj, nil
}

func throughput(f field) (*types.ProvisionedThroughput, error) {
	if f.v == nil {
		return nil, fmt.Errorf("%s: missing (BillingMode is PROVISIONED)", f.path)
	}
	rcu, err := f.get("ReadCapacityUnits").int64()
	if err != nil {
		return nil, err
	}
	wcu, err := f.get("WriteCapacityUnits").int64()
	if err != nil {
		return nil, err
	}
	return &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(rcu), WriteCapacityUnits: aws.Int64(wcu)}, nil
}

// field is a value inside the template together with its path, so that an error names the
// property at fault.
type field struct {
	path string
	v    any
}

func (f field) get(key string) field {
	return field{path: f.path + "." + key, v: mapOf(f.v)[key]}
}

func (f field) str() (string, error) {
	switch v := f.v.(type) {
	case string:
		return v, nil
	case nil:
		return "", fmt.Errorf("%s: missing", f.path)
	}
	return "", fmt.Errorf("%s: want a literal string, found %v", f.path, f.v)
}

func (f field) int64() (int64, error) {
	switch v := f.v.(type) {
	case int:
		return int64(v), nil
	case string:
		// CloudFormation accepts numbers written as strings.
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, nil
		}
	case nil:
		return 0, fmt.Errorf("%s: missing", f.path)
	}
	return 0, fmt.Errorf("%s: want a whole number, found %v", f.path, f.v)
}

// list returns the elements of a list; an absent list is empty.
func (f field) list() ([]field, error) {
	if f.v == nil {
		return nil, nil
	}
	l, ok := f.v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: want a list, found %v", f.path, f.v)
	}
	out := make([]field, len(l))
	for i, v := range l {
		out[i] = field{path: fmt.Sprintf("%s[%d]", f.path, i), v: v}
	}
	return out, nil
}
