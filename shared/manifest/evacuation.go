package manifest

import (
	"slices"
	"strconv"
)

// Evacuation intake. People fleeing a crisis travel on what they have: passports that expired
// while consulates were closed, national identity cards issued without an expiry (the Afghan
// tazkira), children inscribed in a parent's passport (ICAO Doc 9303 no longer recommends it, but
// many such passports are still valid), or no document at all. On the regimes that exist for those
// flights a person's document problem must not refuse the manifest: the reviewer has to see the
// flight and weigh what cannot be verified. So on TolerantRegimes these problems are warnings with
// codes of their own, which the rules score; on other regimes they stay errors. Problems of the
// manifest's structure (unreadable body, no flight, no persons, bad schedule) refuse on every
// regime.

// Finding codes of documents that cannot be fully verified but do not refuse a manifest.
const (
	// CodeDocumentExpiredAccepted: on a tolerant regime, a document that has expired by arrival.
	CodeDocumentExpiredAccepted = "DOCUMENT_EXPIRED_ACCEPTED"
	// CodeNoDocumentAccepted: on a tolerant regime, a person without any document.
	CodeNoDocumentAccepted = "NO_DOCUMENT_ACCEPTED"
	// CodeExpiryMissing: a document without an expiry date: an identity card on any regime, any
	// document on a tolerant regime.
	CodeExpiryMissing = "EXPIRY_MISSING"
	// CodeOnHolderDocument: a person travels on another person's document (documents[].holder).
	CodeOnHolderDocument = "ON_HOLDER_DOCUMENT"
	// CodeUnknownHolder: documents[].holder names no person of the manifest.
	CodeUnknownHolder = "UNKNOWN_HOLDER"
)

// TolerantRegimes are the regimes on which a person's document problems are findings to weigh,
// not reasons to refuse the manifest.
var TolerantRegimes = []string{"EVACUATION", "HUMANITARIAN", "MEDEVAC"}

// Tolerant reports whether regime accepts persons with document problems.
func Tolerant(regime string) bool { return slices.Contains(TolerantRegimes, regime) }

// documentExpired reports a document that has expired by the arrival date.
func (v *validator) documentExpired(path string) {
	if v.tolerant {
		v.warnf(CodeDocumentExpiredAccepted, path, "is before the arrival date: the document has expired; accepted on this %s flight for the reviewer to weigh", v.m.Flight.Regime)
		return
	}
	v.errorf(CodeDocumentExpired, path, "is before the arrival date: the document has expired")
}

// noDocument reports a person without any document.
func (v *validator) noDocument(path string) {
	if v.tolerant {
		v.warnf(CodeNoDocumentAccepted, path, "is empty: the person travels without a document; accepted on this %s flight for the reviewer to weigh", v.m.Flight.Regime)
		return
	}
	v.errorf(CodeNoDocument, path, "must list at least one travel or identity document")
}

// expiryMissing reports a document without an expiry date. Many national identity cards are
// issued without one, so an identity card is accepted on every regime.
func (v *validator) expiryMissing(path string, d *Document) {
	switch {
	case d.Type == "I":
		v.warnf(CodeExpiryMissing, path, "is empty: an identity card without an expiry date cannot be checked for validity")
	case v.tolerant:
		v.warnf(CodeExpiryMissing, path, "is empty: the document's validity cannot be checked; accepted on this %s flight", v.m.Flight.Regime)
	default:
		v.errorf(CodeRequired, path, "is required")
	}
}

// ownerKey is who a document belongs to, for the duplicate check: the holder it names, else the
// person carrying it (by ref, or by position for a person without one). A struct rather than a
// joined string: a 1,000-person manifest would otherwise build a string per document.
type ownerKey struct {
	ref   string
	index int
}

// documentOwner is the owner of one of p's documents; p is person i.
func documentOwner(p *Person, i int, d *Document) ownerKey {
	if d.Holder != "" && d.Holder != p.Ref {
		return ownerKey{ref: d.Holder, index: -1}
	}
	if p.Ref != "" {
		return ownerKey{ref: p.Ref, index: -1}
	}
	return ownerKey{index: i}
}

// holders checks that every documents[].holder names a person of the manifest, and records
// each person travelling on another's document as a finding for the rules.
func (v *validator) holders(refs map[string]int) {
	for i := range v.m.Persons {
		p := &v.m.Persons[i]
		for j := range p.Documents {
			d := &p.Documents[j]
			if d.Holder == "" || d.Holder == p.Ref {
				continue
			}
			path := "/persons/" + strconv.Itoa(i) + "/documents/" + strconv.Itoa(j) + "/holder"
			h, ok := refs[d.Holder]
			if !ok {
				v.errorf(CodeUnknownHolder, path, "names no person's ref in this manifest: the holder of the document must be on board and named by ref")
				continue
			}
			v.warnf(CodeOnHolderDocument, path, "the person travels on the document of /persons/%d", h)
		}
	}
}
