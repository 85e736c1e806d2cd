package rules

import (
	"fmt"
	"strings"

	"github.com/paxscreen/paxscreen/shared/listmatch"
)

// Who organised the flight and whose aircraft it is: the organiser, the operator, the emergency
// contact's organisation (and the contact as a person) and the aircraft itself, screened against
// the lists' entities and aircraft. Kept in this file so that the person rules stay as they are.

// Rule codes of the party screening.
const (
	RuleWatchlistEntityStrong   = "WATCHLIST_ENTITY_STRONG"
	RuleWatchlistEntityPossible = "WATCHLIST_ENTITY_POSSIBLE"
	RuleSanctionedAircraft      = "SANCTIONED_AIRCRAFT"
)

// Roles of a screened party, as the screening engine reports them.
const (
	RoleOrganiser     = listmatch.RoleOrganiser
	RoleOperator      = listmatch.RoleOperator
	RoleContact       = listmatch.RoleContact
	RoleContactPerson = listmatch.RoleContactPerson
	RoleAircraft      = listmatch.RoleAircraft
)

// PartyMatch is a screening engine's answer for one party of the flight.
type PartyMatch = listmatch.Party

// partyRuleDefaults apply when a ruleset written before these rules does not name them: a list
// hit on who organised the flight must never be silently off. A ruleset may still disable them.
var partyRuleDefaults = map[string]Rule{
	RuleWatchlistEntityStrong:   {Enabled: true, Points: 100, Description: "The organiser, operator or contact's organisation is a listed entity, or operates or is linked to listed aircraft: always CRITICAL"},
	RuleWatchlistEntityPossible: {Enabled: true, Points: 40, Description: "The organiser, operator or contact's organisation resembles a listed entity"},
	RuleSanctionedAircraft:      {Enabled: true, Points: 100, Description: "The aircraft's registration or serial number is a listed aircraft's: always CRITICAL when it identifies the airframe"},
}

func init() {
	knownRules = append(knownRules, RuleWatchlistEntityStrong, RuleWatchlistEntityPossible, RuleSanctionedAircraft)
}

func (a *assessor) partyRule(code string) (Rule, bool) {
	r, ok := a.rs.Rules[code]
	if !ok {
		r = partyRuleDefaults[code]
	}
	return r, r.Enabled
}

// alwaysCritical reports whether a hit makes the assessment CRITICAL whatever the score: a
// strong entity match, or a listed aircraft identified by its registration or serial number.
func alwaysCritical(h Hit) bool {
	switch h.Rule {
	case RuleWatchlistEntityStrong:
		return true
	case RuleSanctionedAircraft:
		ev, ok := h.Evidence.(map[string]any)
		return ok && ev["strong"] == true
	}
	return false
}

var roleWords = map[string]string{
	RoleOrganiser: "the organiser", RoleOperator: "the operator", RoleContact: "the emergency contact's organisation",
	RoleContactPerson: "the emergency contact", RoleAircraft: "the aircraft",
}

// parties turns party matches into hits. Entity and aircraft hits name the listing, its
// programs and why: they are about organisations and airframes, not people. A contact matched
// as a person is worded as the person rules word it, the details staying in the evidence.
func (a *assessor) parties(ms []PartyMatch) {
	for _, m := range ms {
		ev := map[string]any{"role": m.Role, "kind": m.Kind, "source": m.Source, "entryId": m.EntryID, "listedName": m.ListedName,
			"programs": m.Programs, "score": m.Score, "strong": m.Strong, "why": m.Why, "explanation": m.Explanation}
		if m.Relation != "" {
			ev["relation"] = m.Relation
		}
		who := roleWords[m.Role]
		if m.Role == RoleContactPerson {
			rule, msg := RuleWatchlistPossible, who+"'s name resembles a listed individual: identity not confirmed"
			if m.Strong {
				rule, msg = RuleWatchlistStrong, who+" matches a listed individual by name and identity evidence"
			}
			if r, ok := a.rs.Rules[rule]; ok && r.Enabled {
				a.hits = append(a.hits, Hit{Rule: rule, Points: r.Points, Severity: severity(r.Points), Path: m.Path, Evidence: ev, Message: msg})
			}
			continue
		}
		programs := "no program stated"
		if len(m.Programs) > 0 {
			programs = "programs " + strings.Join(m.Programs, ", ")
		}
		listing := fmt.Sprintf("%s %s %s %q (%s), score %.2f", m.Source, m.Kind, m.EntryID, m.ListedName, programs, m.Score)
		if m.Relation != "" {
			// The listing is of aircraft; the name is their operator or a party they are linked to.
			listing = fmt.Sprintf("%s %q, named on listed aircraft (first: %s %s; %s), score %.2f", m.Source, m.ListedName, m.Kind, m.EntryID, programs, m.Score)
		}
		var code, msg string
		points := 0
		switch {
		case m.Role == RoleAircraft:
			code = RuleSanctionedAircraft
			r, ok := a.partyRule(code)
			if !ok {
				continue
			}
			points = r.Points
			if !m.Strong {
				// A previous registration or a short serial number: for review, not proof.
				if pr, ok := a.partyRule(RuleWatchlistEntityPossible); ok {
					points = pr.Points
				}
			}
			msg = fmt.Sprintf("%s is listed: %s: %s", who, listing, m.Why)
		default:
			code = RuleWatchlistEntityPossible
			if m.Strong {
				code = RuleWatchlistEntityStrong
			}
			r, ok := a.partyRule(code)
			if !ok {
				continue
			}
			points = r.Points
			verb := "resembles a listing"
			if m.Strong {
				verb = "matches a listing"
			}
			msg = fmt.Sprintf("%s %s: %s: %s", who, verb, listing, m.Why)
		}
		a.hits = append(a.hits, Hit{Rule: code, Points: points, Severity: severity(points), Path: m.Path, Evidence: ev, Message: msg})
	}
}
