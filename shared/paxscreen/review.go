package paxscreen

import (
	"strconv"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// AssessmentRecord is a stored assessment of one manifest version.
type AssessmentRecord struct {
	Seq             int    `json:"seq"`
	ManifestVersion int    `json:"manifestVersion"`
	AssessedAt      string `json:"assessedAt"`
	rules.Assessment
}

// AuditAction is what an audit entry records.
type AuditAction string

// Audit actions.
const (
	AuditSubmitted AuditAction = "SUBMITTED"
	AuditAmended   AuditAction = "AMENDED"
	AuditDecided   AuditAction = "DECIDED"
	AuditClosed    AuditAction = "CLOSED"
)

// Decisions a reviewer records, and the status each leaves the manifest in.
var Decisions = map[string]Status{
	"CLEARED":    StatusCleared,
	"DENIED":     StatusDenied,
	"NEEDS_INFO": StatusNeedsInfo,
	"ESCALATED":  StatusEscalated,
}

// AuditRecord is one entry of a manifest's append-only trail.
type AuditRecord struct {
	At         string      `json:"at"`
	Action     AuditAction `json:"action"`
	By         string      `json:"by"`
	Version    int         `json:"version"`
	Assessment int         `json:"assessment,omitempty"`
	Decision   string      `json:"decision,omitempty"`
	Reason     string      `json:"reason,omitempty"`
}

// AlertState is what an alert's record says: no record, being sent, sent, or not needed.
type AlertState string

// Alert states a store reports.
const (
	AlertMissing   AlertState = ""
	AlertPending   AlertState = "PENDING"
	AlertSentState AlertState = "SENT"
	// AlertNone marks an assessment that called for no alert, so that a rescan looking for
	// alerts owed passes it by.
	AlertNone AlertState = "NOT_NEEDED"
)

// AlertKey names the alert of an assessment; decisions use "D" and their audit time.
func AlertKey(seq int) string { return strconv.Itoa(seq) }

// SnapshotMeta describes the live snapshot of one watchlist source.
type SnapshotMeta struct {
	Source      string `dynamodbav:"source" json:"source"`
	Version     string `dynamodbav:"version" json:"version"`
	Chunks      int    `dynamodbav:"chunks" json:"-"`
	Bytes       int    `dynamodbav:"bytes" json:"bytes"`
	Entries     int    `dynamodbav:"entries" json:"entries"`
	Individuals int    `dynamodbav:"individuals" json:"individuals"`
	PublishedAt string `dynamodbav:"publishedAt" json:"publishedAt"`
	PublishedBy string `dynamodbav:"publishedBy" json:"publishedBy"`
}

// RescanState is where an interrupted rescan carries on, for the versions it was rescanning for.
type RescanState struct {
	Versions string            `json:"versions"`
	Phase    int               `json:"phase"`
	Status   int               `json:"status"`
	Key      map[string]string `json:"key,omitempty"`
}
