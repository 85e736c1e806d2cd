package intake_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

// eachStore runs a test on the in-memory store and on DynamoDB Local (skipped outside CI
// when it is not running).
func eachStore(t *testing.T, run func(t *testing.T, st storecontract.Store, svc *intake.Service)) {
	newService := func(st storecontract.Store) *intake.Service {
		var n atomic.Int64
		prefix := strings.ToUpper(rand.Text()[:10])
		return &intake.Service{Store: st, Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) },
			NewID: func() string { return fmt.Sprintf("%s%016d", prefix, n.Add(1)) }}
	}
	t.Run("memstore", func(t *testing.T) {
		st := memstore.New([]byte("test-key-"+rand.Text()), "t1")
		run(t, st, newService(st))
	})
	t.Run("dynamodb", func(t *testing.T) {
		client, table := dynamotest.Table(t)
		st := store.New(client, table, []byte("test-key-"+rand.Text()), "t1")
		run(t, st, newService(st))
	})
}

func valid(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func submission(body []byte, org, subject, key string) intake.Submission {
	return intake.Submission{ContentType: "application/json", Body: body, Organisation: org, Subject: subject, IdempotencyKey: key}
}

func TestSubmitStoresTheManifestOfTheCaller(t *testing.T) {
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		r, err := svc.Submit(ctx, submission(valid(t), "org-a", "alice", ""))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != paxscreen.StatusReceived || r.Version != 1 || r.Replayed || r.Warnings == nil {
			t.Errorf("receipt %+v", r)
		}
		rec, err := st.GetInOrganisation(ctx, r.ID, "org-a")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Header.SubmittedBy != "alice" || rec.Header.Format != "json" || rec.Header.Version != 1 || len(rec.Manifest.Persons) == 0 ||
			rec.Header.ArrivalAirport != rec.Manifest.Flight.Arrival.Airport {
			t.Errorf("stored header %+v", rec.Header)
		}
	})
}

func TestRefusedSubmissionsStoreNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		org := "org-" + strings.ToLower(rand.Text()[:10]) // the shared table holds other tests' manifests
		tests := []struct {
			name string
			sub  intake.Submission
			want func(error) bool
		}{
			{"unsupported media type", intake.Submission{ContentType: "text/html", Body: valid(t), Organisation: org},
				func(err error) bool { return errors.Is(err, intake.ErrUnsupportedMediaType) }},
			{"a manifest with errors", submission([]byte(strings.Replace(string(valid(t)), `"1974-08-12"`, `"1974-02-30"`, 1)), org, "alice", ""),
				func(err error) bool { var inv *intake.InvalidError; return errors.As(err, &inv) }},
			{"not JSON", submission([]byte("{"), org, "alice", "k"), func(err error) bool { return err != nil }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if _, err := svc.Submit(ctx, tt.sub); !tt.want(err) {
					t.Fatalf("error %v", err)
				}
			})
		}
		page, err := st.List(ctx, org, paxscreen.ListQuery{})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("refused submissions stored %d manifests (%v)", len(page.Items), err)
		}
	})
}

func TestIdempotencyKeys(t *testing.T) {
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		key := rand.Text()
		first, err := svc.Submit(ctx, submission(valid(t), "org-a", "alice", key))
		if err != nil {
			t.Fatal(err)
		}
		other := []byte(strings.Replace(string(valid(t)), "RWB401", "RWB402", 1))
		tests := []struct {
			name      string
			sub       intake.Submission
			wantErr   error
			wantFirst bool
		}{
			{"the same request again", submission(valid(t), "org-a", "alice", key), nil, true},
			{"another request under the key", submission(other, "org-a", "alice", key), intake.ErrIdempotencyMismatch, false},
			{"the key in another organisation", submission(other, "org-b", "alice", key), nil, false},
			{"the key of another subject", submission(valid(t), "org-a", "bob", key), nil, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := svc.Submit(ctx, tt.sub)
				if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
					t.Fatalf("error %v, want %v", err, tt.wantErr)
				}
				if err != nil {
					return
				}
				if (r.ID == first.ID) != tt.wantFirst || r.Replayed != tt.wantFirst {
					t.Errorf("receipt %+v; first was %s", r, first.ID)
				}
			})
		}
	})
}

// TestConcurrentRetriesStoreOneManifest: a client retrying while its first request is still
// running gets one manifest, however the requests interleave.
func TestConcurrentRetriesStoreOneManifest(t *testing.T) {
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		key := rand.Text()
		const n = 6
		ids := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				r, err := svc.Submit(ctx, submission(valid(t), "org-race", "alice", key))
				ids[i], errs[i] = r.ID, err
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("request %d: %s, %v; request 0 got %s", i, ids[i], errs[i], ids[0])
			}
		}
	})
}

func TestAmend(t *testing.T) {
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		r, err := svc.Submit(ctx, submission(valid(t), "org-a", "alice", ""))
		if err != nil {
			t.Fatal(err)
		}
		changed := []byte(strings.Replace(string(valid(t)), `"seatCapacity": 180`, `"seatCapacity": 150`, 1))
		tests := []struct {
			name     string
			id       string
			expected int
			sub      intake.Submission
			want     error
			version  int
		}{
			{"a missing manifest", rand.Text(), 1, submission(changed, "org-a", "alice", ""), paxscreen.ErrNotFound, 0},
			{"another organisation's", r.ID, 1, submission(changed, "org-b", "bob", ""), paxscreen.ErrNotFound, 0},
			{"without an organisation", r.ID, 1, submission(changed, "", "alice", ""), paxscreen.ErrNotFound, 0},
			{"a version that is not the current one", r.ID, 2, submission(changed, "org-a", "alice", ""), paxscreen.ErrVersionConflict, 0},
			{"the current version", r.ID, 1, submission(changed, "org-a", "alice", ""), nil, 2},
			{"the same version again", r.ID, 1, submission(changed, "org-a", "alice", ""), paxscreen.ErrVersionConflict, 0},
			{"an administrator, any organisation", r.ID, 2, intake.Submission{ContentType: "application/json", Body: changed, Subject: "admin", AnyOrganisation: true}, nil, 3},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := svc.Amend(ctx, tt.id, tt.expected, tt.sub)
				if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
					t.Fatalf("error %v, want %v", err, tt.want)
				}
				if err == nil && got.Version != tt.version {
					t.Errorf("receipt %+v, want version %d", got, tt.version)
				}
			})
		}
		h, err := st.GetHeader(ctx, r.ID)
		if err != nil || h.Version != 3 || h.Organisation != "org-a" || h.SubmittedBy != "admin" || h.Status != paxscreen.StatusReceived {
			t.Errorf("header after the amendments: %+v, %v", h, err)
		}
	})
}

// A CSV body is read in the charset its Content-Type names (RFC 4180 section 3), and one in a
// legacy code page that names none is refused at the byte, not stored with lost letters.
func TestSubmitReadsTheCSVCharsetOfTheContentType(t *testing.T) {
	body, err := os.ReadFile("../manifest/testdata/windows-1252.csv")
	if err != nil {
		t.Fatal(err)
	}
	eachStore(t, func(t *testing.T, st storecontract.Store, svc *intake.Service) {
		ctx := context.Background()
		sub := submission(body, "org-a", "alice", "")
		sub.ContentType = "text/csv; charset=windows-1252"
		r, err := svc.Submit(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := st.GetInOrganisation(ctx, r.ID, "org-a")
		if err != nil {
			t.Fatal(err)
		}
		if p := rec.Manifest.Persons[1]; p.Surname != "Lefèvre" || p.GivenNames != "Renée Françoise" {
			t.Errorf("names %q %q", p.Surname, p.GivenNames)
		}
		sub.ContentType = "text/csv"
		var de *manifest.DecodeError
		if _, err := svc.Submit(ctx, sub); !errors.As(err, &de) || de.Line != 17 {
			t.Errorf("without a charset: %v", err)
		}
	})
}
