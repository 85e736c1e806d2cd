// Package paxscreen is the vocabulary of a screened manifest's life, shared by the services that
// act on it and the stores that keep it: the stored manifest (Header, Record) and its statuses,
// assessments, reviewer decisions, the audit trail, alert claims, watchlist snapshots, list
// queries and the errors callers tell apart. It is named for the application, as
// github.com/benbjohnson/wtf keeps its domain in package wtf: these are the types every layer
// speaks, and no one layer owns them.
//
// It is pure: no AWS SDK and no I/O. shared/store keeps these types in DynamoDB and
// shared/testkit/memstore keeps them in memory; services depend on interfaces over them that
// either store satisfies. The dynamodbav struct tags are the table's attribute names, kept on
// the types because the table stores them field for field; a tag is text and links nothing.
package paxscreen

import "errors"

// Sentinel errors callers tell apart, whichever store answers.
var (
	ErrNotFound          = errors.New("manifest not found")
	ErrVersionConflict   = errors.New("manifest version conflict")
	ErrIdempotencyReplay = errors.New("idempotency key already used")
	ErrBadCursor         = errors.New("invalid cursor")
	// ErrNoOrganisation: a per-organisation call got no organisation id, or an invalid one. It
	// is never read as "all organisations": that is ListAll, a separate call.
	ErrNoOrganisation = errors.New("no valid organisation")
	// ErrBadQuery: the store refused a list query as invalid. The API validates every parameter
	// first, so this is a gap in that validation, but it is still the request's fault and never
	// worth retrying.
	ErrBadQuery = errors.New("invalid list query")
	// ErrOtherOrganisation comes with ErrNotFound from GetInOrganisation when the manifest exists
	// but is another organisation's: callers answer as for a missing one and may log the denial.
	ErrOtherOrganisation = errors.New("manifest of another organisation")
	// ErrOutcomeUnknown: a write was sent but the table never confirmed or denied it before the
	// caller's deadline; it may have committed. Callers say so rather than "nothing was stored".
	ErrOutcomeUnknown = errors.New("write outcome unknown")
	// ErrAssessed is returned when the assessment slot was already taken: another delivery of the
	// same stream record, or a concurrent rescan, got there first.
	ErrAssessed = errors.New("assessment already written")
	// ErrStaleAssessment: a decision named an assessment that is no longer the latest, or a
	// manifest version that has been amended since.
	ErrStaleAssessment = errors.New("decision on an outdated assessment")
	// ErrClosed: a decision named a manifest that is CLOSED. The rescan closes a manifest once
	// its flight has arrived and the live window has passed; its record stays for the audit
	// trail, but its life is over, so no decision moves it again.
	ErrClosed = errors.New("manifest closed")
	// ErrAlreadyClosed is returned by Close for a manifest closed, or changed, meanwhile.
	ErrAlreadyClosed = errors.New("manifest already closed or changed")
	// ErrAlertSent: the alert went out already.
	ErrAlertSent = errors.New("alert already sent")
	// ErrAlertBusy: another delivery holds a live lease on the alert.
	ErrAlertBusy = errors.New("alert being sent by another delivery")
)
