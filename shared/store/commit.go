package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// maxTransactItems is DynamoDB's limit on one TransactWriteItems call.
const maxTransactItems = 100

// commit runs a transaction that must either be known to have committed or known not to have:
// when an answer is lost (a timeout, a dropped connection, a 5xx) it sends the same items again
// under the same ClientRequestToken until ctx ends. DynamoDB answers a repeat of a committed
// token with success; a repeat that fails a condition may be meeting its own first commit, which
// the marker item (written by this transaction alone, with a key of its own) tells apart.
// A cancellation on the first attempt is returned as it is, for the caller to read its reasons.
func (s *Store) commit(ctx context.Context, items []types.TransactWriteItem, marker map[string]types.AttributeValue) error {
	token := strings.ToLower(rand.Text())[:26] // at most 36 characters
	// maybe: some attempt may have reached the table and committed without our hearing of it.
	maybe := false
	unknown := func(err error) error {
		if !maybe {
			return err
		}
		return fmt.Errorf("%w: %w", paxscreen.ErrOutcomeUnknown, err)
	}
	for attempt := 0; ; attempt++ {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items, ClientRequestToken: &token})
		if err == nil {
			return nil
		}
		// A cancellation with no failed condition is a conflict with another transaction or a
		// throttle: transient, so it is sent again like a lost answer.
		if failed := cancelled(err); failed != nil && len(failed) > 0 {
			if attempt == 0 {
				return err
			}
			// Conditions fail on a repeat when the first attempt committed: the marker says.
			found, gerr := s.exists(ctx, marker)
			if gerr == nil && found {
				return nil
			}
			if gerr != nil {
				return fmt.Errorf("%w: %w (and whether an earlier attempt committed: %v)", paxscreen.ErrOutcomeUnknown, err, gerr)
			}
			return err
		}
		if !definite(err) {
			maybe = true
		}
		if !retryable(err) {
			return unknown(err)
		}
		wait := min(time.Duration(50<<min(attempt, 5))*time.Millisecond, time.Second)
		select {
		case <-ctx.Done():
			return unknown(fmt.Errorf("%w (last answer: %v)", ctx.Err(), err))
		case <-time.After(wait):
		}
	}
}

// definite tells a refusal that certainly wrote nothing (a cancelled transaction, a throttle, a
// malformed request) from an error after which the write may have landed (a timeout, a dropped
// connection, a 500).
func definite(err error) bool {
	var (
		tce      *types.TransactionCanceledException
		thr      *types.ProvisionedThroughputExceededException
		limit    *types.RequestLimitExceeded
		notFound *types.ResourceNotFoundException
		mismatch *types.IdempotentParameterMismatchException
	)
	return errors.As(err, &tce) || errors.As(err, &thr) || errors.As(err, &limit) || errors.As(err, &notFound) ||
		errors.As(err, &mismatch) || strings.Contains(err.Error(), "ValidationException") ||
		strings.Contains(err.Error(), "ThrottlingException")
}

// retryable tells an error whose outcome is unknown, or transient, from a refusal that a repeat
// would meet again.
func retryable(err error) bool {
	var (
		validation *types.ResourceNotFoundException
		mismatch   *types.IdempotentParameterMismatchException
	)
	switch {
	case errors.As(err, &validation), errors.As(err, &mismatch):
		return false
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case strings.Contains(err.Error(), "ValidationException"):
		return false
	}
	return true
}

func (s *Store) exists(ctx context.Context, key map[string]types.AttributeValue) (bool, error) {
	// The caller's deadline may be what ended the write; the check gets a moment of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key, ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("PK")})
	if err != nil {
		return false, err
	}
	return out.Item != nil, nil
}

// versionOwned are the header attributes an amendment owns: what describes one version. Every
// other attribute (assessment summary, decision, everCleared, organisation, creation time)
// belongs to the manifest's life and is written only by the operation that owns it, so an
// amendment never moves them backwards.
var versionOwned = []string{"version", "status", "submittedBy", "format", "organiserName", "flightNumber", "registration",
	"departureAirport", "arrivalAirport", "departureTime", "arrivalTime", "personCount", "chunks", "warnings",
	"updatedAt", "submittedAt", "scoreState", "manifest", "GSI1PK", "GSI1SK", "GSI2SK"}

// amendUpdate turns a new version's header item into a field-level update of the owned
// attributes, conditional on the version the amendment was made against.
func num(i int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(i)} }

func (s *Store) amendUpdate(head map[string]types.AttributeValue, expected int) *types.Update {
	names := map[string]string{}
	values := map[string]types.AttributeValue{":expected": num(expected)}
	var set, remove []string
	for i, a := range versionOwned {
		n := fmt.Sprintf("#a%d", i)
		names[n] = a
		if v, ok := head[a]; ok {
			set = append(set, fmt.Sprintf("%s = :a%d", n, i))
			values[fmt.Sprintf(":a%d", i)] = v
		} else {
			remove = append(remove, n)
		}
	}
	expr := "SET " + strings.Join(set, ", ")
	if len(remove) > 0 {
		expr += " REMOVE " + strings.Join(remove, ", ")
	}
	return &types.Update{
		TableName: &s.table, Key: keyOf(head["PK"].(*types.AttributeValueMemberS).Value, "META"),
		UpdateExpression:          aws.String(expr),
		ConditionExpression:       aws.String("attribute_exists(PK) AND #a0 = :expected"),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
	}
}
