// Package organisation says what an organisation id is. Submitters see exactly the manifests of
// the organisation their token names, so the id is an access-control key: it must not be able to
// name "every organisation", "nobody", or the owner of manifests that belong to no organisation.
package organisation

import (
	"errors"
	"strings"
)

// Unowned is stored as the organisation of a manifest submitted without one (an administrator's
// submission). Valid refuses it, so no token can ever name it.
const Unowned = "-"

// MaxLength is the longest organisation id accepted.
const MaxLength = 64

// reserved are ids that identity providers and scripts write when a value is missing or means
// "everyone"; a token carrying one is a misconfiguration, never an organisation.
var reserved = map[string]bool{
	"all": true, "any": true, "everyone": true, "none": true, "nobody": true, "null": true, "nil": true,
	"undefined": true, "unknown": true, "admin": true, "root": true, "default": true,
}

// Errors of Check, so that a caller can say which rule an id broke.
var (
	ErrEmpty    = errors.New("organisation id is empty")
	ErrTooLong  = errors.New("organisation id is longer than 64 characters")
	ErrAlphabet = errors.New("organisation id must be ASCII letters, digits, '.', '_' or '-', starting and ending with a letter or digit")
	ErrReserved = errors.New("organisation id is a reserved value")
)

// Check reports why id is not an organisation id, or nil. An id is 1 to 64 ASCII letters, digits,
// '.', '_' and '-', starting and ending with a letter or digit, and not one of the reserved
// values (compared case-insensitively). Unowned ("-") fails the alphabet rule.
func Check(id string) error {
	switch {
	case id == "":
		return ErrEmpty
	case len(id) > MaxLength:
		return ErrTooLong
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if alnum {
			continue
		}
		if (c == '.' || c == '_' || c == '-') && i > 0 && i < len(id)-1 {
			continue
		}
		return ErrAlphabet
	}
	if reserved[strings.ToLower(id)] {
		return ErrReserved
	}
	return nil
}

// Valid reports whether id is an organisation id a token may carry.
func Valid(id string) bool { return Check(id) == nil }
