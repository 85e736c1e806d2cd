package paxscreen

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// Status is where a manifest is in review. The stores keep it as its string.
type Status string

// Manifest statuses. RECEIVED is stored and waiting for its first assessment.
const (
	StatusReceived  Status = "RECEIVED"
	StatusScreened  Status = "SCREENED"
	StatusFlagged   Status = "FLAGGED"
	StatusNeedsInfo Status = "NEEDS_INFO"
	StatusEscalated Status = "ESCALATED"
	StatusCleared   Status = "CLEARED"
	StatusDenied    Status = "DENIED"
	StatusClosed    Status = "CLOSED"
)

// Statuses lists every status in the order List walks them when no status is asked for.
var Statuses = []Status{StatusReceived, StatusScreened, StatusFlagged, StatusNeedsInfo, StatusEscalated, StatusCleared, StatusDenied, StatusClosed}

// ScoreState says whether a manifest version still awaits its assessment.
type ScoreState string

// Score states of a header.
const (
	ScorePending ScoreState = "PENDING"
	ScoreDone    ScoreState = "DONE"
)

// Header is the summary of a manifest: what lists and queues show without loading persons.
type Header struct {
	ID               string             `dynamodbav:"id" json:"id"`
	Version          int                `dynamodbav:"version" json:"version"`
	Status           Status             `dynamodbav:"status" json:"status"`
	Organisation     string             `dynamodbav:"org" json:"organisation"`
	SubmittedBy      string             `dynamodbav:"submittedBy" json:"submittedBy"`
	Format           string             `dynamodbav:"format" json:"format"`
	OrganiserName    string             `dynamodbav:"organiserName" json:"organiserName"`
	FlightNumber     string             `dynamodbav:"flightNumber,omitempty" json:"flightNumber,omitempty"`
	Registration     string             `dynamodbav:"registration" json:"registration"`
	DepartureAirport string             `dynamodbav:"departureAirport" json:"departureAirport"`
	ArrivalAirport   string             `dynamodbav:"arrivalAirport" json:"arrivalAirport"`
	DepartureTime    string             `dynamodbav:"departureTime" json:"departureTime"`
	ArrivalTime      string             `dynamodbav:"arrivalTime" json:"arrivalTime"`
	PersonCount      int                `dynamodbav:"personCount" json:"personCount"`
	Chunks           int                `dynamodbav:"chunks" json:"-"`
	Warnings         []manifest.Finding `dynamodbav:"warnings" json:"warnings"`
	CreatedAt        string             `dynamodbav:"createdAt" json:"createdAt"`
	// ScoreState is PENDING while the version awaits its assessment; the stream filter lets the
	// score function see only PENDING headers, so its own writes never trigger it again.
	ScoreState ScoreState `dynamodbav:"scoreState" json:"-"`
	// Assessment summary, written by the score function with the assessment itself.
	AssessmentSeq     int               `dynamodbav:"assessmentSeq" json:"assessmentSeq,omitempty"`
	AssessedVersion   int               `dynamodbav:"assessedVersion" json:"assessedVersion,omitempty"`
	Level             string            `dynamodbav:"level,omitempty" json:"level,omitempty"`
	Score             int               `dynamodbav:"score" json:"score,omitempty"`
	RulesetVersion    string            `dynamodbav:"rulesetVersion,omitempty" json:"rulesetVersion,omitempty"`
	WatchlistVersions map[string]string `dynamodbav:"watchlistVersions,omitempty" json:"watchlistVersions,omitempty"`
	// Decision is the latest reviewer decision and who made it.
	Decision  string `dynamodbav:"decision,omitempty" json:"decision,omitempty"`
	DecidedBy string `dynamodbav:"decidedBy,omitempty" json:"decidedBy,omitempty"`
	// EverCleared records that a reviewer cleared some version, for the amended-after-clearance rule.
	EverCleared bool   `dynamodbav:"everCleared" json:"-"`
	UpdatedAt   string `dynamodbav:"updatedAt" json:"updatedAt"`
	// SubmittedAt is when the current version arrived: late-submission rules measure from it.
	SubmittedAt string `dynamodbav:"submittedAt" json:"submittedAt"`
}

// Record is a manifest with its header.
type Record struct {
	Header   Header
	Manifest *manifest.Manifest
}

// Idempotency ties a POST to its first answer.
type Idempotency struct {
	// Key is already scoped to the caller (see IdempotencyKey).
	Key         string
	RequestHash string
	Response    StoredResponse
}

// StoredResponse is the first answer to an idempotent request.
type StoredResponse struct {
	Status   int    `dynamodbav:"status" json:"status"`
	Body     string `dynamodbav:"body" json:"body"`
	Location string `dynamodbav:"location" json:"location"`
}

// IdempotencyKey scopes a client's Idempotency-Key to the organisation and the subject that sent
// it: under another organisation or subject the same key is another record, so a request there
// is simply a new request and can neither replay another's answer nor learn that the key is in
// use. Each part is length-prefixed so that no two scopes run together into one string.
func IdempotencyKey(org, subject, key string) string {
	h := sha256.New()
	for _, part := range []string{org, subject, key} {
		fmt.Fprintf(h, "%d:%s", len(part), part)
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
