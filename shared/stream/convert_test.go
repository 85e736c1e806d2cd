package stream_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/stream"
)

// TestImagesRoundTrip: every attribute type DynamoDB has, nested too, comes through a stream
// image unchanged, so a handler reads from the local poller what it reads from Lambda.
func TestImagesRoundTrip(t *testing.T) {
	item := map[string]types.AttributeValue{
		"s":    &types.AttributeValueMemberS{Value: "MANIFEST#A"},
		"n":    &types.AttributeValueMemberN{Value: "12.5"},
		"b":    &types.AttributeValueMemberB{Value: []byte{0, 1, 255}},
		"bool": &types.AttributeValueMemberBOOL{Value: true},
		"null": &types.AttributeValueMemberNULL{Value: true},
		"ss":   &types.AttributeValueMemberSS{Value: []string{"UN", "OFAC"}},
		"ns":   &types.AttributeValueMemberNS{Value: []string{"1", "2"}},
		"bs":   &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberN{Value: "3"}}},
		"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"inner": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"deep": &types.AttributeValueMemberBOOL{Value: false}}}}},
	}
	got, err := stream.ToSDK(stream.FromSDK(item))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, item) {
		t.Errorf("round trip changed the item:\n got %#v\nwant %#v", got, item)
	}
	// What handlers then decode is what was written.
	var h struct {
		S  string   `dynamodbav:"s"`
		N  float64  `dynamodbav:"n"`
		SS []string `dynamodbav:"ss,stringset"`
	}
	if err := attributevalue.UnmarshalMap(got, &h); err != nil || h.S != "MANIFEST#A" || h.N != 12.5 || len(h.SS) != 2 {
		t.Errorf("decoded %+v, %v", h, err)
	}
}
