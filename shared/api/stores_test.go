package api_test

import (
	"crypto/rand"
	"testing"

	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

// eachStack runs a test on the in-memory store, which needs no emulator, and on DynamoDB
// Local (skipped outside CI when it is not running), so that `go test ./...` exercises the API
// everywhere and the real adapter stays covered. The contract suite in shared/testkit
// is what makes the two interchangeable.
func eachStack(t *testing.T, run func(t *testing.T, s *stack)) {
	t.Run("memstore", func(t *testing.T) { run(t, newMemStack()) })
	t.Run("dynamodb", func(t *testing.T) { run(t, newStack(t)) })
}

// eachOwnStack is eachStack for a test that must see no other test's manifests: the DynamoDB
// run gets a table of its own (the in-memory store is always the test's own).
func eachOwnStack(t *testing.T, prefix string, run func(t *testing.T, s *stack)) {
	t.Run("memstore", func(t *testing.T) { run(t, newMemStack()) })
	t.Run("dynamodb", func(t *testing.T) {
		client, table := dynamotest.OwnTable(t, prefix)
		run(t, newStackOn(client, table))
	})
}

func newMemStack() *stack {
	return newStackWith(memstore.New([]byte("test-key-"+rand.Text()), "t1"))
}

// eachOwnDB is eachOwnStack for a test that wires the handlers itself.
func eachOwnDB(t *testing.T, prefix string, run func(t *testing.T, db storecontract.Store)) {
	t.Run("memstore", func(t *testing.T) { run(t, memstore.New([]byte("test-key-test-key-test-key-test-key"), "t1")) })
	t.Run("dynamodb", func(t *testing.T) {
		client, table := dynamotest.OwnTable(t, prefix)
		run(t, store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1"))
	})
}
