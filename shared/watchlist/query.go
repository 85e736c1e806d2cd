package watchlist

import "strings"

// Thresholds at which the figures in docs/SCREENING.md were measured.
const (
	// DefaultThreshold is the score from which a match is an alert for a
	// reviewer.
	DefaultThreshold = 0.75
	// StrongThreshold is the score from which a match backed by identity
	// evidence (a document, or a date of birth that confirms or is
	// consistent) is a strong identity match.
	StrongThreshold = 0.90
)

// Query is a person to screen.
type Query struct {
	Surname    string
	GivenNames string
	// FullName is used when the parts are unknown; "SURNAME, Given" is
	// understood. When Surname or GivenNames is set, FullName is ignored.
	FullName string
	// DateOfBirth is YYYY, YYYY-MM or YYYY-MM-DD.
	DateOfBirth string
	// Nationality is an ISO 3166-1 alpha-3 code. It is weighed only as the
	// country of a matching document, never on its own.
	Nationality string
	// Documents are document numbers; an exact match confirms identity.
	Documents []string
}

// Match is one listed individual the query may be.
type Match struct {
	EntryID     string      `json:"entryId"`
	Source      string      `json:"source"`
	ListedName  string      `json:"listedName"`
	Score       float64     `json:"score"`
	Strong      bool        `json:"strong"`
	Explanation Explanation `json:"explanation"`
}

// Explanation says why a match scored what it did.
type Explanation struct {
	// MatchedName is the listed name or alias that matched best, with its
	// list quality (primary, strong, weak).
	MatchedName string  `json:"matchedName"`
	NameQuality Quality `json:"nameQuality"`
	// NameScore is the name similarity in [0, 1] before identity evidence.
	NameScore float64 `json:"nameScore"`
	// Parts are the aligned name parts.
	Parts []PartMatch `json:"parts"`
	// QueryUnmatched and ListedUnmatched are the parts left without a
	// partner, each costing its weight.
	QueryUnmatched  []string `json:"queryUnmatched,omitempty"`
	ListedUnmatched []string `json:"listedUnmatched,omitempty"`
	// Evidence is the identity evidence weighed, in order: date of birth,
	// documents, nationality.
	Evidence []Evidence `json:"evidence"`
	// QueryForm is the form of the query's name that matched when it is
	// not the name as given: its Hanyu Pinyin rendering, for a name
	// written in Wade–Giles. Parts holds that form's parts.
	QueryForm string `json:"queryForm,omitempty"`
}

// PartMatch is one aligned pair of name parts.
type PartMatch struct {
	Query  string `json:"query"`
	Listed string `json:"listed"`
	// How: exact, phonetic (same key), fuzzy (spelling distance) or joined
	// (two parts on one side written as one on the other).
	How        string  `json:"how"`
	Similarity float64 `json:"similarity"`
	// Weight is the pair's share of the name score: rare parts weigh more
	// than common ones, particles and honorifics little.
	Weight float64 `json:"weight"`
}

// Evidence is one piece of identity evidence and its effect on the score.
type Evidence struct {
	Kind    string  `json:"kind"` // dateOfBirth, document, nationality
	Outcome string  `json:"outcome"`
	Query   string  `json:"query,omitempty"`
	Listed  string  `json:"listed,omitempty"`
	Effect  float64 `json:"effect"`
}

// maxQueryDocuments bounds the document numbers of one query.
const maxQueryDocuments = 8

// queryName joins the name parts of q.
func (q Query) name() string {
	if strings.TrimSpace(q.Surname) != "" || strings.TrimSpace(q.GivenNames) != "" {
		return q.GivenNames + " " + q.Surname
	}
	return q.FullName
}
