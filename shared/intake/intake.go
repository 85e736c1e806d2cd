// Package intake turns a submitted body into a stored manifest: it decodes the body by its media
// type, normalises and validates the manifest, and stores the valid ones with their idempotency
// record. It knows nothing of HTTP events; the api package maps its results to answers.
package intake

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"mime"
	"sort"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxlst"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// Sentinel errors the API tells apart.
var (
	ErrUnsupportedMediaType = errors.New("unsupported media type")
	ErrIdempotencyMismatch  = errors.New("idempotency key reused with a different request")
)

// InvalidError carries every finding of a manifest that has errors.
type InvalidError struct {
	Findings []manifest.Finding
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("manifest has %d findings", len(e.Findings))
}

// Store is what intake needs of the table.
type Store interface {
	Create(ctx context.Context, rec *paxscreen.Record, idem *paxscreen.Idempotency) error
	Replay(ctx context.Context, key string) (paxscreen.StoredResponse, string, error)
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	Replace(ctx context.Context, rec *paxscreen.Record, expected int) error
}

// Service accepts manifests.
type Service struct {
	Store      Store
	MaxPersons int
	Now        func() time.Time
	NewID      func() string
}

// Submission is one POST.
type Submission struct {
	ContentType    string
	Body           []byte
	Params         map[string]string // query parameters: CSV flight fields
	FormatParam    string            // the "format" query parameter
	IdempotencyKey string
	Subject        string // the caller, as the authorizer vouched
	Organisation   string
	// AnyOrganisation lets an administrator amend another organisation's manifest.
	AnyOrganisation bool
}

// Receipt is the answer to an accepted manifest.
type Receipt struct {
	ID       string             `json:"id"`
	Status   paxscreen.Status   `json:"status"`
	Version  int                `json:"version"`
	Warnings []manifest.Finding `json:"warnings"`
	// Replayed is set when the receipt is the first answer to an earlier request with the same
	// idempotency key.
	Replayed bool `json:"-"`
}

// NewID returns a random manifest id: 26 characters of base32, 130 bits, unguessable so that ids
// in links reveal nothing and cannot be enumerated.
func NewID() string { return rand.Text() }

// ValidID reports whether s has the form of a manifest id, so that junk never reaches the table.
func ValidID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// Format picks the decoder for a Content-Type header; formatParam is the "format" query
// parameter, which lets a PAXLST message travel as text/plain (what many carriers' systems send).
func Format(contentType, formatParam string) (string, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", fmt.Errorf("%w: %q", ErrUnsupportedMediaType, contentType)
	}
	switch {
	case mt == "application/json":
		return "json", nil
	case mt == "text/csv", mt == "application/csv":
		return "csv", nil
	case mt == "application/edifact":
		return "paxlst", nil
	case mt == "text/plain" && formatParam == "paxlst":
		return "paxlst", nil
	}
	return "", fmt.Errorf("%w: %s", ErrUnsupportedMediaType, mt)
}

// text is the body a decoder reads: a CSV body in the charset its Content-Type names
// (manifest.CSVText), other formats as sent. JSON is UTF-8 by RFC 8259, and a PAXLST
// interchange says its own character set in UNB.
func text(format string, sub Submission) ([]byte, error) {
	if format != "csv" {
		return sub.Body, nil
	}
	_, params, _ := mime.ParseMediaType(sub.ContentType) // Format has parsed it already
	return manifest.CSVText(sub.Body, params["charset"])
}

// Formats are the names Decode accepts.
var Formats = []string{"json", "csv", "paxlst"}

// Decode reads a body in the given format. Findings are the format's own (PAXLST counts and
// references); validation comes after.
func Decode(format string, body []byte, params map[string]string) (*manifest.Manifest, []manifest.Finding, error) {
	switch format {
	case "json":
		m, err := manifest.DecodeJSON(body)
		return m, nil, err
	case "csv":
		m, err := manifest.DecodeCSV(body, params)
		return m, nil, err
	case "paxlst":
		return paxlst.Decode(body, params)
	}
	return nil, nil, fmt.Errorf("%w: format %q", ErrUnsupportedMediaType, format)
}

// Check decodes, normalises and validates without storing: what `paxscreen validate` and the
// API share.
func Check(format string, body []byte, params map[string]string, opts manifest.Options) (*manifest.Manifest, []manifest.Finding, error) {
	m, findings, err := Decode(format, body, params)
	if err != nil {
		return nil, nil, err
	}
	manifest.Normalise(m)
	return m, append(findings, manifest.Validate(m, opts)...), nil
}

// Submit validates and stores a manifest. A retried submission with the same idempotency key and
// the same request answers the first receipt; with another request, ErrIdempotencyMismatch.
func (s *Service) Submit(ctx context.Context, sub Submission) (Receipt, error) {
	format, err := Format(sub.ContentType, sub.FormatParam)
	if err != nil {
		return Receipt{}, err
	}
	var idem *paxscreen.Idempotency
	if sub.IdempotencyKey != "" {
		idem = &paxscreen.Idempotency{Key: paxscreen.IdempotencyKey(sub.Organisation, sub.Subject, sub.IdempotencyKey), RequestHash: requestHash(format, sub)}
		// Answer a replay before doing any work: the first request may have stored a manifest
		// that validation would now judge differently (the clock moved on).
		if r, ok, err := s.replay(ctx, idem); ok || err != nil {
			return r, err
		}
	}
	params := sub.Params
	if _, ok := params[paxlst.PICParam]; ok && format != "paxlst" {
		params = maps.Clone(params)
		delete(params, paxlst.PICParam) // only PAXLST lacks a way to name the pilot in command
	}
	body, err := text(format, sub)
	if err != nil {
		return Receipt{}, err
	}
	now := s.Now().UTC()
	m, findings, err := Check(format, body, params, manifest.Options{MaxPersons: s.MaxPersons, Now: now})
	if err != nil {
		return Receipt{}, err
	}
	if manifest.HasErrors(findings) {
		return Receipt{}, &InvalidError{Findings: findings}
	}
	rec := &paxscreen.Record{Manifest: m, Header: header(s.NewID(), format, sub, m, findings)}
	receipt := Receipt{ID: rec.Header.ID, Status: rec.Header.Status, Version: 1, Warnings: findings}
	if receipt.Warnings == nil {
		receipt.Warnings = []manifest.Finding{}
	}
	if idem != nil {
		body, err := json.Marshal(receipt)
		if err != nil {
			return Receipt{}, fmt.Errorf("encode receipt: %w", err)
		}
		idem.Response = paxscreen.StoredResponse{Status: 201, Body: string(body), Location: "/manifests/" + receipt.ID}
	}
	err = s.Store.Create(ctx, rec, idem)
	if errors.Is(err, paxscreen.ErrIdempotencyReplay) {
		// A concurrent request with the same key won the race; answer what it answered.
		if r, ok, err := s.replay(ctx, idem); ok || err != nil {
			return r, err
		}
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("store manifest %s: %w", rec.Header.ID, err)
	}
	return receipt, nil
}

// check decodes and validates a submission's body; a manifest with errors is an *InvalidError.
func (s *Service) check(format string, sub Submission) (*manifest.Manifest, []manifest.Finding, error) {
	params := sub.Params
	if _, ok := params[paxlst.PICParam]; ok && format != "paxlst" {
		params = maps.Clone(params)
		delete(params, paxlst.PICParam) // only PAXLST lacks a way to name the pilot in command
	}
	body, err := text(format, sub)
	if err != nil {
		return nil, nil, err
	}
	m, findings, err := Check(format, body, params, manifest.Options{MaxPersons: s.MaxPersons, Now: s.Now().UTC()})
	if err != nil {
		return nil, nil, err
	}
	if manifest.HasErrors(findings) {
		return nil, nil, &InvalidError{Findings: findings}
	}
	return m, findings, nil
}

// Amend replaces manifest id, whose current version the caller must name: a stale version is
// paxscreen.ErrVersionConflict, another organisation's manifest paxscreen.ErrNotFound. The new version
// starts over as RECEIVED, so it is screened and reviewed again; earlier versions stay stored.
func (s *Service) Amend(ctx context.Context, id string, expected int, sub Submission) (Receipt, error) {
	format, err := Format(sub.ContentType, sub.FormatParam)
	if err != nil {
		return Receipt{}, err
	}
	h, err := s.Store.GetHeader(ctx, id)
	if err != nil {
		return Receipt{}, err
	}
	if !sub.AnyOrganisation && (!organisation.Valid(sub.Organisation) || h.Organisation != sub.Organisation) {
		return Receipt{}, fmt.Errorf("amend manifest %s: %w", id, paxscreen.ErrNotFound)
	}
	if h.Version != expected {
		return Receipt{}, fmt.Errorf("amend manifest %s at version %d (now %d): %w", id, expected, h.Version, paxscreen.ErrVersionConflict)
	}
	m, findings, err := s.check(format, sub)
	if err != nil {
		return Receipt{}, err
	}
	next := header(id, format, sub, m, findings)
	// The store writes only what describes the version: what belongs to the manifest's life
	// (organisation, assessments, decisions, everCleared) stays as the table has it at commit
	// time, not as it was read above. Organisation is kept for the receipt's sake.
	next.Organisation, next.CreatedAt = h.Organisation, h.CreatedAt
	if err := s.Store.Replace(ctx, &paxscreen.Record{Header: next, Manifest: m}, expected); err != nil {
		return Receipt{}, err
	}
	if findings == nil {
		findings = []manifest.Finding{}
	}
	return Receipt{ID: id, Status: next.Status, Version: expected + 1, Warnings: findings}, nil
}

func (s *Service) replay(ctx context.Context, idem *paxscreen.Idempotency) (Receipt, bool, error) {
	resp, hash, err := s.Store.Replay(ctx, idem.Key)
	if errors.Is(err, paxscreen.ErrNotFound) {
		return Receipt{}, false, nil
	}
	if err != nil {
		return Receipt{}, false, err
	}
	if hash != idem.RequestHash {
		return Receipt{}, true, ErrIdempotencyMismatch
	}
	var r Receipt
	if err := json.Unmarshal([]byte(resp.Body), &r); err != nil {
		return Receipt{}, false, fmt.Errorf("decode stored receipt: %w", err)
	}
	r.Replayed = true
	return r, true, nil
}

func requestHash(format string, sub Submission) string {
	h := sha256.New()
	h.Write([]byte(format))
	h.Write([]byte{0})
	keys := make([]string, 0, len(sub.Params))
	for k := range sub.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\x00", k, sub.Params[k])
	}
	h.Write(sub.Body)
	return hex.EncodeToString(h.Sum(nil))
}

func header(id, format string, sub Submission, m *manifest.Manifest, warnings []manifest.Finding) paxscreen.Header {
	f := &m.Flight
	dep, _ := manifest.ParseTime(f.Departure.Scheduled)
	arr, _ := manifest.ParseTime(f.Arrival.Scheduled)
	org := sub.Organisation
	if org == "" {
		// Nobody's: organisation.Check refuses Unowned, so no token can name it.
		org = organisation.Unowned
	}
	if warnings == nil {
		warnings = []manifest.Finding{}
	}
	return paxscreen.Header{
		ID:               id,
		Status:           paxscreen.StatusReceived,
		Organisation:     org,
		SubmittedBy:      sub.Subject,
		Format:           format,
		OrganiserName:    m.Organiser.Name,
		FlightNumber:     f.Number,
		Registration:     f.AircraftRegistration,
		DepartureAirport: f.Departure.Airport,
		ArrivalAirport:   f.Arrival.Airport,
		DepartureTime:    dep.Format(time.RFC3339),
		ArrivalTime:      arr.Format(time.RFC3339),
		Warnings:         warnings,
	}
}

// QueryParams keeps the parameters that carry manifest fields for CSV and PAXLST submissions: a
// client's cache-buster or tracking parameter must not be refused as an unknown flight field.
func QueryParams(q map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range append([]string{paxlst.PICParam}, manifest.FlightKeys...) {
		for qk, v := range q {
			if strings.EqualFold(qk, k) {
				out[k] = v
			}
		}
	}
	return out
}
