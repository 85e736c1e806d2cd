// Package snstest helps integration tests use the SNS/SQS emulator (fauxqs) started by
// scripts/emulators.sh: topics, queues subscribed with filter policies, and receiving what the
// queues got.
package snstest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Clients returns SNS and SQS clients for the emulator. Without it, the test fails under CI and
// is skipped elsewhere.
func Clients(t testing.TB) (*sns.Client, *sqs.Client) {
	t.Helper()
	if os.Getenv("AWS_ENDPOINT_URL_SNS") == "" || os.Getenv("AWS_ENDPOINT_URL_SQS") == "" {
		msg := "the SNS/SQS emulator is not running: AWS_ENDPOINT_URL_SNS or AWS_ENDPOINT_URL_SQS is unset; run tests with `make test`, which starts it"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	region := os.Getenv("AWS_REGION")
	if region == "" {
		region = "eu-west-1"
	}
	cfg, err := awsconfig.LoadDefaultConfig(context.Background(), awsconfig.WithRegion(region),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	if err != nil {
		t.Fatal(err)
	}
	return sns.NewFromConfig(cfg), sqs.NewFromConfig(cfg)
}

// Topic creates a topic with a unique name and returns its ARN.
func Topic(t testing.TB, c *sns.Client, prefix string) string {
	t.Helper()
	out, err := c.CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(prefix + "-" + strings.ToLower(rand.Text()[:10]))})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.TopicArn)
}

// Subscribe creates a queue subscribed to the topic with a message-attribute filter policy ("" for
// none) and returns the queue URL.
func Subscribe(t testing.TB, snsc *sns.Client, sqsc *sqs.Client, topicARN, filterPolicy string) string {
	t.Helper()
	ctx := context.Background()
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q-" + strings.ToLower(rand.Text()[:12]))})
	if err != nil {
		t.Fatal(err)
	}
	attrs, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	sub := &sns.SubscribeInput{TopicArn: &topicARN, Protocol: aws.String("sqs"), Endpoint: aws.String(attrs.Attributes[string(sqstypes.QueueAttributeNameQueueArn)])}
	if filterPolicy != "" {
		sub.Attributes = map[string]string{"FilterPolicy": filterPolicy, "FilterPolicyScope": "MessageAttributes"}
	}
	if _, err := snsc.Subscribe(ctx, sub); err != nil {
		t.Fatal(err)
	}
	return aws.ToString(q.QueueUrl)
}

// Notification is an SNS message as an SQS subscriber receives it (not raw delivery).
type Notification struct {
	Subject           string
	Message           string
	MessageAttributes map[string]struct{ Type, Value string }
}

// Drain receives what the queue holds, waiting up to wait for the first message and then until
// the queue stays empty for a moment.
func Drain(t testing.TB, c *sqs.Client, url string, wait time.Duration) []Notification {
	t.Helper()
	var out []Notification
	deadline := time.Now().Add(wait)
	for {
		res, err := c.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Messages {
			var n Notification
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &n); err != nil {
				t.Fatalf("queue message is not an SNS notification: %v: %s", err, aws.ToString(m.Body))
			}
			out = append(out, n)
			c.DeleteMessage(context.Background(), &sqs.DeleteMessageInput{QueueUrl: &url, ReceiptHandle: m.ReceiptHandle})
		}
		if len(res.Messages) == 0 && (len(out) > 0 || time.Now().After(deadline)) {
			return out
		}
	}
}
