package snspublish_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/snspublish"
)

// client keeps the one request it was sent and answers with id or err.
type client struct {
	in  *sns.PublishInput
	id  string
	err error
}

func (c *client) Publish(_ context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	c.in = in
	if c.err != nil {
		return nil, c.err
	}
	return &sns.PublishOutput{MessageId: aws.String(c.id)}, nil
}

// TestPublishSendsOneMessageWithABodyPerProtocol: the e-mail text goes as "default" (which SNS
// requires) and "email", the short text as "sms", and every attribute as a String attribute,
// which the subscriptions' filter policies match on. The emulator test in
// shared/stream/notifystream shows the same reaching the right queues.
func TestPublishSendsOneMessageWithABodyPerProtocol(t *testing.T) {
	c := &client{id: "m-1"}
	p := &snspublish.Publisher{Client: c, TopicARN: "arn:aws:sns:eu-west-1:000000000000:alerts"}
	id, err := p.Publish(context.Background(), alert.Message{Subject: "FLAGGED RWB401", Email: "long text", SMS: "short",
		Attributes: map[string]string{"severity": "HIGH", "event": alert.EventFlagged}})
	if err != nil || id != "m-1" {
		t.Fatalf("Publish = %q, %v", id, err)
	}
	in := c.in
	if aws.ToString(in.TopicArn) != p.TopicARN || aws.ToString(in.Subject) != "FLAGGED RWB401" || aws.ToString(in.MessageStructure) != "json" {
		t.Errorf("topic %q, subject %q, structure %q", aws.ToString(in.TopicArn), aws.ToString(in.Subject), aws.ToString(in.MessageStructure))
	}
	var bodies map[string]string
	if err := json.Unmarshal([]byte(aws.ToString(in.Message)), &bodies); err != nil {
		t.Fatalf("message is not the per-protocol JSON: %v", err)
	}
	if len(bodies) != 3 || bodies["default"] != "long text" || bodies["email"] != "long text" || bodies["sms"] != "short" {
		t.Errorf("bodies %v", bodies)
	}
	for k, want := range map[string]string{"severity": "HIGH", "event": alert.EventFlagged} {
		a, ok := in.MessageAttributes[k]
		if !ok || aws.ToString(a.DataType) != "String" || aws.ToString(a.StringValue) != want {
			t.Errorf("attribute %s = %+v, want String %q", k, a, want)
		}
	}
}

func TestPublishReturnsTheClientsError(t *testing.T) {
	down := errors.New("SNS is down")
	p := &snspublish.Publisher{Client: &client{err: down}, TopicARN: "t"}
	if id, err := p.Publish(context.Background(), alert.Message{}); !errors.Is(err, down) || id != "" {
		t.Errorf("Publish = %q, %v; want the client's error", id, err)
	}
}
