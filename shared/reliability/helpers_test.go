package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/store"
)

// clock is the fixed "now" of these tests: the sample manifest's flight is the next day, so it
// validates, is live for rescans and never late.
var clock = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

func now() time.Time { return clock }

var quiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

// sample reads the canonical valid manifest once.
func sample(t testing.TB) *manifest.Manifest {
	t.Helper()
	b, err := os.ReadFile("../manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// body is the sample with a seat capacity that tells versions apart.
func body(t testing.TB, m *manifest.Manifest, seats int) []byte {
	t.Helper()
	c := *m
	c.Flight.SeatCapacity = seats
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// own gives a manifest a flight and documents of its own, numbered by tag: the same document on
// many live flights is a finding, and would make every score read every other manifest (and, on
// DynamoDB Local, contend for the same index items) rather than test the races; the same flight
// submitted again is a probable duplicate, whose finding reassesses the manifest it names, so
// the count of assessments would no longer be one per version.
func own(m *manifest.Manifest, tag int) *manifest.Manifest {
	c := *m
	c.Flight.Number = fmt.Sprintf("PX%04d", tag%10000)
	c.Persons = append([]manifest.Person(nil), m.Persons...)
	for i := range c.Persons {
		c.Persons[i].Documents = append([]manifest.Document(nil), c.Persons[i].Documents...)
		for j := range c.Persons[i].Documents {
			d := &c.Persons[i].Documents[j]
			d.Number = fmt.Sprintf("%.3s%04d%02d", d.Number, tag, i*4+j)
			d.MRZ = nil
		}
	}
	return &c
}

// jitter sleeps up to max: the time a Lambda takes between reading and writing, which is what
// opens the windows these tests race through.
func jitter(max time.Duration) {
	time.Sleep(time.Duration(rand.Int64N(int64(max))))
}

// slowIntake widens the window between an amendment reading the header and writing the new
// version, as a cold or busy ingest function would.
type slowIntake struct {
	*store.Store
	max time.Duration
}

func (s *slowIntake) GetHeader(ctx context.Context, id string) (*paxscreen.Header, error) {
	h, err := s.Store.GetHeader(ctx, id)
	jitter(s.max)
	return h, err
}

// slowScoring does the same between scoring reading the manifest and saving its assessment.
type slowScoring struct {
	*store.Store
	max time.Duration
}

func (s *slowScoring) Get(ctx context.Context, id string) (*paxscreen.Record, error) {
	r, err := s.Store.Get(ctx, id)
	jitter(s.max)
	return r, err
}

// rulesAt is the default ruleset under another version, as after a ruleset change.
func rulesAt(version string) *rules.Ruleset {
	rs := *rules.Default()
	rs.Version = version
	return &rs
}
