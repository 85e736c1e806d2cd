package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// The alert states as the table's state attribute holds them.
const (
	alertPending   = string(paxscreen.AlertPending)
	alertSent      = string(paxscreen.AlertSentState)
	alertNotNeeded = string(paxscreen.AlertNone)
)

func alertKey(id, key string) map[string]types.AttributeValue {
	return keyOf("ALERT#"+id+"#"+key, "-")
}

// ClaimAlert takes the right to publish one alert (of an assessment, or a decision), for lease. It answers
// ErrAlertSent when the alert went out already and ErrAlertBusy while another delivery holds a
// live lease; an expired lease (a crashed publisher) can be taken over. With MarkAlertSent after
// publishing and ReleaseAlert after a failed publish, one assessment gives one message even when
// the stream delivers its record twice at once.
func (s *Store) ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error {
	now := s.now()
	item := alertKey(id, key)
	item["type"] = str("ALERT")
	item["state"] = str(alertPending)
	item["leaseUntil"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(now.Add(lease).UnixMilli(), 10)}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table,
		Item:      item,
		// A NOT_NEEDED mark yields to a publisher that finds the alert needed after all (the
		// alert level was lowered since).
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR #state = :none OR (#state = :pending AND leaseUntil < :now)"),
		ExpressionAttributeNames: map[string]string{"#state": "state"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pending": str(alertPending), ":none": str(alertNotNeeded),
			":now": &types.AttributeValueMemberN{Value: strconv.FormatInt(now.UnixMilli(), 10)}},
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		if st, ok := ccf.Item["state"].(*types.AttributeValueMemberS); ok && st.Value == alertSent {
			return paxscreen.ErrAlertSent
		}
		return paxscreen.ErrAlertBusy
	}
	if err != nil {
		return fmt.Errorf("claim alert %s of %s: %w", key, id, err)
	}
	return nil
}

// MarkAlertSent records the published message.
func (s *Store) MarkAlertSent(ctx context.Context, id, key string, messageID string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       alertKey(id, key),
		UpdateExpression:          aws.String("SET #state = :sent, messageId = :mid, sentAt = :at REMOVE leaseUntil"),
		ExpressionAttributeNames:  map[string]string{"#state": "state"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":sent": str(alertSent), ":mid": str(messageID), ":at": str(s.now().Format(time.RFC3339))},
	})
	if err != nil {
		return fmt.Errorf("mark alert %s of %s sent: %w", key, id, err)
	}
	return nil
}

// ReleaseAlert gives up a claim after a failed publish, so that the retry need not wait for the
// lease to run out.
func (s *Store) ReleaseAlert(ctx context.Context, id, key string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName:                 &s.table,
		Key:                       alertKey(id, key),
		ConditionExpression:       aws.String("#state = :pending"),
		ExpressionAttributeNames:  map[string]string{"#state": "state"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pending": str(alertPending)},
	})
	var ccf *types.ConditionalCheckFailedException
	if err != nil && !errors.As(err, &ccf) {
		return fmt.Errorf("release alert %s of %s: %w", key, id, err)
	}
	return nil
}

// AlertState reads an alert's record: AlertMissing when there is none, AlertPending while a
// publisher holds a lease that has not run out (an expired lease reads as missing: its
// publisher is gone), AlertSentState, or AlertNone when the assessment needed no alert.
func (s *Store) AlertState(ctx context.Context, id, key string) (paxscreen.AlertState, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: alertKey(id, key), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return "", fmt.Errorf("read alert %s of %s: %w", key, id, err)
	}
	st, _ := out.Item["state"].(*types.AttributeValueMemberS)
	if st == nil {
		return paxscreen.AlertMissing, nil
	}
	if st.Value == alertPending {
		lease, _ := out.Item["leaseUntil"].(*types.AttributeValueMemberN)
		if lease == nil {
			return paxscreen.AlertMissing, nil
		}
		until, err := strconv.ParseInt(lease.Value, 10, 64)
		if err != nil || until < s.now().UnixMilli() {
			return paxscreen.AlertMissing, nil
		}
	}
	return paxscreen.AlertState(st.Value), nil
}

// MarkAlertNotNeeded records that an assessment called for no alert, unless its alert record
// exists already.
func (s *Store) MarkAlertNotNeeded(ctx context.Context, id, key string) error {
	item := alertKey(id, key)
	item["type"] = str("ALERT")
	item["state"] = str(alertNotNeeded)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	var ccf *types.ConditionalCheckFailedException
	if err != nil && !errors.As(err, &ccf) {
		return fmt.Errorf("mark alert %s of %s not needed: %w", key, id, err)
	}
	return nil
}
