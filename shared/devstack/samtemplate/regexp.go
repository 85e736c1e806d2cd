package samtemplate

import (
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileRegexp is the schema's regexp engine. JSON Schema patterns are ECMAScript regular
// expressions and the SAM schema uses one feature Go's RE2 lacks: a leading negative lookahead
// (^(?!AWS::Serverless::).+$ admits every resource type that is not a SAM one). Such a pattern
// becomes two RE2 expressions, "the lookahead does not match at the start and the rest does",
// which spares a backtracking regexp dependency for one pattern. Anything else RE2 cannot
// compile still fails, so a schema update that needs more is noticed.
func compileRegexp(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err == nil {
		return re, nil
	}
	body, ok := strings.CutPrefix(pattern, "^(?!")
	if !ok {
		return nil, err
	}
	end := closingParen(body)
	if end < 0 {
		return nil, err
	}
	look, rest := body[:end], body[end+1:]
	// With an alternation after it the lookahead might guard only the first branch; rather
	// than model that, refuse any.
	if strings.Contains(rest, "|") {
		return nil, err
	}
	not, lerr := regexp.Compile("^(?:" + look + ")")
	pos, rerr := regexp.Compile("^" + rest)
	if lerr != nil || rerr != nil {
		return nil, err
	}
	return &lookaheadRegexp{pattern: pattern, not: not, re: pos}, nil
}

// lookaheadRegexp matches ^(?!not)re.
type lookaheadRegexp struct {
	pattern string
	not, re *regexp.Regexp
}

func (r *lookaheadRegexp) MatchString(s string) bool {
	return !r.not.MatchString(s) && r.re.MatchString(s)
}
func (r *lookaheadRegexp) String() string { return r.pattern }

// closingParen returns the index in s of the parenthesis that closes a group opened just
// before s, skipping escapes, character classes and nested groups; -1 when there is none.
func closingParen(s string) int {
	depth, inClass := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}
