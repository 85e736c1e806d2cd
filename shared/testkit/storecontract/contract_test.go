package storecontract_test

import (
	"crypto/rand"
	"testing"

	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

func TestMemstore(t *testing.T) {
	storecontract.Run(t, func(t *testing.T) storecontract.Store {
		return memstore.New([]byte("test-key-"+rand.Text()), "t1")
	})
}

// TestDynamoDB runs the same cases on DynamoDB Local: skipped outside CI without the emulator,
// failed in CI.
func TestDynamoDB(t *testing.T) {
	storecontract.Run(t, func(t *testing.T) storecontract.Store {
		client, table := dynamotest.Table(t)
		return store.New(client, table, []byte("test-key-"+rand.Text()), "t1")
	})
}
