// Package snspublish sends reviewers' alerts to the SNS topic: one message per alert, with an
// e-mail and an SMS body and the attributes the subscriptions filter on.
package snspublish

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/paxscreen/paxscreen/shared/alert"
)

// API is the part of the SNS client the publisher uses.
type API interface {
	Publish(context.Context, *sns.PublishInput, ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// Publisher publishes one message per alert with a body per protocol; it is notify's Publisher.
type Publisher struct {
	Client   API
	TopicARN string
}

// Publish sends m with MessageStructure=json: "default" (required by SNS) and "email" carry the
// e-mail text, "sms" the short text; attributes let subscriptions filter.
func (p *Publisher) Publish(ctx context.Context, m alert.Message) (string, error) {
	body, err := json.Marshal(map[string]string{"default": m.Email, "email": m.Email, "sms": m.SMS})
	if err != nil {
		return "", err
	}
	attrs := map[string]snstypes.MessageAttributeValue{}
	for k, v := range m.Attributes {
		attrs[k] = snstypes.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String(v)}
	}
	out, err := p.Client.Publish(ctx, &sns.PublishInput{
		TopicArn: &p.TopicARN, Subject: aws.String(m.Subject), Message: aws.String(string(body)),
		MessageStructure: aws.String("json"), MessageAttributes: attrs,
	})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.MessageId), nil
}
