package samtemplate

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Environment returns the environment variables template.yaml sets for the function logicalID
// (its Environment.Variables merged with Globals.Function's) as a deployment with the
// parameters' defaults would see them: a !Ref to a parameter becomes the parameter's default.
//
// local supplies what only exists once deployed or differs on a developer's machine (the table
// name, topic ARNs, endpoint URLs, generated keys): a value in local replaces the template's for
// every variable the function declares, and variables the function does not declare are ignored,
// so the local stack can never give a function configuration the deployed one lacks. A variable
// whose template value cannot be resolved locally (a !Ref to a resource, a !Sub, an !If, a
// parameter without a default) and that local does not supply is an error naming it.
func (t *Template) Environment(logicalID string, local map[string]string) (map[string]string, error) {
	var fn *Function
	for _, f := range t.Functions() {
		if f.LogicalID == logicalID {
			fn = &f
			break
		}
	}
	if fn == nil {
		return nil, fmt.Errorf("template has no function %q", logicalID)
	}
	params := t.Parameters()
	out := make(map[string]string, len(fn.Environment))
	var unresolved []string
	for _, name := range slices.Sorted(maps.Keys(fn.Environment)) {
		if v, ok := local[name]; ok {
			out[name] = v
			continue
		}
		v, err := resolveLocally(fn.Environment[name], params)
		if err != nil {
			unresolved = append(unresolved, name+" ("+err.Error()+")")
			continue
		}
		out[name] = v
	}
	if len(unresolved) > 0 {
		return nil, fmt.Errorf("%s: environment variables the local stack must supply: %s", logicalID, strings.Join(unresolved, "; "))
	}
	return out, nil
}

// resolveLocally turns a template value into the string Lambda would see, when that needs no
// deployment: a literal, or a !Ref to a parameter with a default.
func resolveLocally(v any, params map[string]Parameter) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case map[string]any:
		ref, ok := x["Ref"].(string)
		if !ok || len(x) != 1 {
			for k := range x {
				return "", fmt.Errorf("%s resolves only when deployed", k)
			}
			return "", fmt.Errorf("empty mapping")
		}
		p, ok := params[ref]
		if !ok {
			return "", fmt.Errorf("!Ref %s is a resource, known only when deployed", ref)
		}
		if p.Default == nil {
			return "", fmt.Errorf("!Ref %s is a parameter without a default", ref)
		}
		switch d := p.Default.(type) {
		case []any:
			// A CommaDelimitedList's !Ref in an environment variable is invalid CloudFormation.
			return "", fmt.Errorf("!Ref %s is a list", ref)
		default:
			return resolveLocally(d, params)
		}
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("a %T value", v)
}
