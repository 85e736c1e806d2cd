package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
)

// localTopics creates every SNS topic template.yaml declares in the emulator, subscribes a console
// queue to the alerts topic and prints what reaches it as a reviewer would read it. It returns the
// alerts topic's ARN.
func localTopics(ctx context.Context, cfg aws.Config, tpl *samtemplate.Template, stdout io.Writer) (string, error) {
	snsc, sqsc := sns.NewFromConfig(cfg), sqs.NewFromConfig(cfg)
	var ids []string
	for id, r := range tpl.Resources() {
		if r.Type == "AWS::SNS::Topic" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	arns := map[string]string{}
	for _, id := range ids {
		out, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("paxscreen-local-" + id)})
		if err != nil {
			return "", fmt.Errorf("create topic %s: %w", id, err)
		}
		arns[id] = aws.ToString(out.TopicArn)
	}
	alerts, ok := arns["AlertsTopic"]
	if !ok {
		return "", fmt.Errorf("template.yaml declares no AlertsTopic")
	}
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("paxscreen-local-console")})
	if err != nil {
		return "", fmt.Errorf("create console queue: %w", err)
	}
	attrs, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		return "", fmt.Errorf("console queue: %w", err)
	}
	if _, err := snsc.Subscribe(ctx, &sns.SubscribeInput{TopicArn: &alerts, Protocol: aws.String("sqs"),
		Endpoint: aws.String(attrs.Attributes[string(sqstypes.QueueAttributeNameQueueArn)])}); err != nil {
		return "", fmt.Errorf("subscribe console queue: %w", err)
	}
	go printAlerts(ctx, sqsc, aws.ToString(q.QueueUrl), stdout)
	return alerts, nil
}

// printAlerts long-polls the console queue. When the queue or the emulator is gone, it backs off
// (250 ms doubling to 30 s) instead of asking again at once, which would spin a core.
func printAlerts(ctx context.Context, c *sqs.Client, url string, w io.Writer) {
	pause := time.Duration(0)
	for ctx.Err() == nil {
		res, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2})
		if err != nil {
			pause = nextPause(pause)
			if pause == maxPause {
				fmt.Fprintf(w, "  alerts: console queue unreachable (%v); retrying every %s\n", err, maxPause)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(pause):
			}
			continue
		}
		pause = 0
		for _, m := range res.Messages {
			fmt.Fprint(w, formatAlert(aws.ToString(m.Body)))
			c.DeleteMessage(context.WithoutCancel(ctx), &sqs.DeleteMessageInput{QueueUrl: &url, ReceiptHandle: m.ReceiptHandle})
		}
	}
}

const maxPause = 30 * time.Second

// nextPause doubles the pause after a failed receive, from 250 ms up to maxPause.
func nextPause(p time.Duration) time.Duration {
	if p <= 0 {
		return 250 * time.Millisecond
	}
	return min(2*p, maxPause)
}

// formatAlert shows one SNS notification the way its e-mail and SMS subscribers would see it.
func formatAlert(body string) string {
	var n struct {
		Subject           string
		Message           string
		MessageAttributes map[string]struct{ Value string }
	}
	if json.Unmarshal([]byte(body), &n) != nil {
		return "\n=== alert (unreadable) ===\n" + body + "\n"
	}
	var parts map[string]string
	if json.Unmarshal([]byte(n.Message), &parts) != nil {
		parts = map[string]string{"email": n.Message}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n=== ALERT %s (%s, severity %s) ===\n", n.Subject, n.MessageAttributes["event"].Value, n.MessageAttributes["severity"].Value)
	for _, line := range strings.Split(strings.TrimRight(parts["email"], "\n"), "\n") {
		fmt.Fprintf(&b, "  | %s\n", line)
	}
	fmt.Fprintf(&b, "  SMS: %s\n\n", parts["sms"])
	return b.String()
}
