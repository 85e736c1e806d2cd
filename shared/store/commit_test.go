package store_test

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
)

// lossy is a table whose answers go missing: each TransactWriteItems call does what the script
// says for its turn, and a committed transaction is remembered so that a repeat meets its own
// conditions, as DynamoDB's would.
type lossy struct {
	store.DB
	mu        sync.Mutex
	script    []string // per call: "commit", "commit-lost", "lost", "throttle"; the last repeats
	calls     int
	committed map[string]bool // PK|SK of every item written
	tokens    []string
}

func key(item map[string]types.AttributeValue) string {
	return item["PK"].(*types.AttributeValueMemberS).Value + "|" + item["SK"].(*types.AttributeValueMemberS).Value
}

func (l *lossy) TransactWriteItems(_ context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	step := l.script[min(l.calls, len(l.script)-1)]
	l.calls++
	l.tokens = append(l.tokens, aws.ToString(in.ClientRequestToken))
	if step == "throttle" {
		return nil, &types.ProvisionedThroughputExceededException{Message: aws.String("slow down")}
	}
	if step == "lost" {
		return nil, errors.New("read tcp: connection reset by peer")
	}
	// A repeat of a committed transaction fails the header's attribute_not_exists condition.
	var reasons []types.CancellationReason
	conflict := false
	for _, it := range in.TransactItems {
		r := types.CancellationReason{Code: aws.String("None")}
		if it.Put != nil && it.Put.ConditionExpression != nil && l.committed[key(it.Put.Item)] {
			r.Code, conflict = aws.String("ConditionalCheckFailed"), true
		}
		reasons = append(reasons, r)
	}
	if conflict {
		return nil, &types.TransactionCanceledException{Message: aws.String("cancelled"), CancellationReasons: reasons}
	}
	for _, it := range in.TransactItems {
		if it.Put != nil {
			l.committed[key(it.Put.Item)] = true
		}
	}
	if step == "commit-lost" {
		return nil, errors.New("context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
	}
	return &dynamodb.TransactWriteItemsOutput{}, nil
}

func (l *lossy) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.committed[key(in.Key)] {
		return &dynamodb.GetItemOutput{Item: in.Key}, nil
	}
	return &dynamodb.GetItemOutput{}, nil
}

func (l *lossy) BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	return &dynamodb.BatchWriteItemOutput{}, nil
}

// TestCreateKnowsWhetherItCommitted: a lost answer is followed by a repeat under the same client
// request token; the caller hears "stored" when it was, a plain error when nothing was, and
// ErrOutcomeUnknown only when the table never said.
func TestCreateKnowsWhetherItCommitted(t *testing.T) {
	tests := []struct {
		name        string
		script      []string
		wantErr     error // nil: success
		wantUnknown bool
		wantStored  bool
	}{
		{"answered at once", []string{"commit"}, nil, false, true},
		{"committed, answer lost: the repeat finds its own commit", []string{"commit-lost", "commit"}, nil, false, true},
		{"answer lost, not committed: the repeat commits", []string{"lost", "commit"}, nil, false, true},
		{"throttled until the deadline: nothing was stored", []string{"throttle"}, errors.New("any"), false, false},
		{"no answer until the deadline: unknown", []string{"lost"}, errors.New("any"), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &lossy{script: tt.script, committed: map[string]bool{}}
			s := store.New(db, "t", []byte("k"), "k1")
			m := &manifest.Manifest{Persons: []manifest.Person{{Surname: "A", Documents: []manifest.Document{{Type: "P", Number: "X1", IssuingState: "DEU"}}}}}
			rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "o", Warnings: []manifest.Finding{}}}
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()
			err := s.Create(ctx, rec, nil)
			if (err == nil) != (tt.wantErr == nil) || errors.Is(err, paxscreen.ErrOutcomeUnknown) != tt.wantUnknown {
				t.Fatalf("err %v, want error %v, unknown %v", err, tt.wantErr != nil, tt.wantUnknown)
			}
			if stored := db.committed["MANIFEST#"+rec.Header.ID+"|META"]; stored != tt.wantStored {
				t.Errorf("stored %v, want %v", stored, tt.wantStored)
			}
			for _, tok := range db.tokens {
				if tok == "" || tok != db.tokens[0] {
					t.Errorf("tokens %v: every attempt must carry the first one's", db.tokens)
				}
			}
		})
	}
}

// TestDecideKnowsWhetherItCommitted: a reviewer's decision whose answer is lost is sent again
// under the same token and found by its audit entry; when the table never answers the caller
// hears ErrOutcomeUnknown, so the API says the decision may have been stored instead of
// "nothing was stored", which would invite a second decision.
func TestDecideKnowsWhetherItCommitted(t *testing.T) {
	tests := []struct {
		name        string
		script      []string
		wantErr     bool
		wantUnknown bool
	}{
		{"committed, answer lost: the repeat finds its own audit entry", []string{"commit-lost", "commit"}, false, false},
		{"answer lost, not committed: the repeat commits", []string{"lost", "commit"}, false, false},
		{"throttled until the deadline: nothing was stored", []string{"throttle"}, true, false},
		{"no answer until the deadline: unknown", []string{"lost"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &lossy{script: tt.script, committed: map[string]bool{}}
			s := store.New(db, "t", []byte("k"), "k1")
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()
			err := s.Decide(ctx, rand.Text(), 1, 1, "CLEARED", "checked the passport", "reviewer-1")
			if (err != nil) != tt.wantErr || errors.Is(err, paxscreen.ErrOutcomeUnknown) != tt.wantUnknown {
				t.Fatalf("err %v, want error %v, unknown %v", err, tt.wantErr, tt.wantUnknown)
			}
			for _, tok := range db.tokens {
				if tok == "" || tok != db.tokens[0] {
					t.Errorf("tokens %v: every attempt must carry the first one's", db.tokens)
				}
			}
		})
	}
}
