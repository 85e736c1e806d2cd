package rules

// Code is what a reviewer calls a hit: the finding code of a validation finding
// (EXPIRY_MISSING, ON_HOLDER_DOCUMENT, ...), the rule otherwise. It reads the evidence as the
// rules build it and as it reads back from a stored assessment's JSON.
func (h Hit) Code() string {
	if h.Rule != RuleValidationFinding {
		return h.Rule
	}
	switch ev := h.Evidence.(type) {
	case map[string]string:
		if c := ev["code"]; c != "" {
			return c
		}
	case map[string]any:
		if c, _ := ev["code"].(string); c != "" {
			return c
		}
	}
	return h.Rule
}
