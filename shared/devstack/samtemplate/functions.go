package samtemplate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Function is an AWS::Serverless::Function as SAM deploys it: its properties already merged
// with Globals.Function.
type Function struct {
	LogicalID string
	// Properties holds every property after the merge with Globals.Function.
	Properties map[string]any
	// Metadata is the resource's Metadata section, nil when absent.
	Metadata map[string]any
	// CodeURI is Properties.CodeUri when it is a plain path ("" when absent or an S3 location).
	CodeURI string
	// BuildMethod is Metadata.BuildMethod, "" when absent.
	BuildMethod string
	// Environment is Properties.Environment.Variables; values may be intrinsics such as
	// {"Ref": "Table"}.
	Environment map[string]any
	// Events are the function's event sources by name.
	Events map[string]Event
	// Routes lists the function's HttpApi routes as "METHOD /path", sorted; an event with
	// neither Method nor Path is the catch-all route "$default".
	Routes []string
}

// Event is one entry of a function's Events.
type Event struct {
	Type       string
	Properties map[string]any
}

// Functions lists the template's AWS::Serverless::Function resources, sorted by logical ID.
func (t *Template) Functions() []Function {
	globals := mapOf(mapOf(t.raw["Globals"])["Function"])
	resources := mapOf(t.raw["Resources"])
	var out []Function
	for _, id := range slices.Sorted(maps.Keys(resources)) {
		r := mapOf(resources[id])
		if r["Type"] != "AWS::Serverless::Function" {
			continue
		}
		props := mapOf(mergeGlobals(withoutIgnored(globals, r["IgnoreGlobals"]), mapOf(r["Properties"])))
		f := Function{
			LogicalID:   id,
			Properties:  props,
			Metadata:    mapOf(r["Metadata"]),
			CodeURI:     stringOf(props["CodeUri"]),
			BuildMethod: stringOf(mapOf(r["Metadata"])["BuildMethod"]),
			Environment: mapOf(mapOf(props["Environment"])["Variables"]),
			Events:      make(map[string]Event),
		}
		for name, v := range mapOf(props["Events"]) {
			e := mapOf(v)
			ev := Event{Type: stringOf(e["Type"]), Properties: mapOf(e["Properties"])}
			f.Events[name] = ev
			if ev.Type == "HttpApi" {
				f.Routes = append(f.Routes, httpRoute(ev.Properties))
			}
		}
		slices.Sort(f.Routes)
		out = append(out, f)
	}
	return out
}

func httpRoute(props map[string]any) string {
	method, hasMethod := props["Method"]
	path, hasPath := props["Path"]
	if !hasMethod && !hasPath {
		return "$default"
	}
	m := "ANY"
	if hasMethod {
		m = strings.ToUpper(fmt.Sprint(method))
	}
	return m + " " + fmt.Sprint(path)
}

// withoutIgnored drops the globals a resource opts out of with IgnoreGlobals ("*" or a list of
// property names).
func withoutIgnored(globals map[string]any, ignore any) map[string]any {
	switch ig := ignore.(type) {
	case string:
		if ig == "*" {
			return nil
		}
		ignore = []any{ig}
	case nil:
		return globals
	}
	names, _ := ignore.([]any)
	out := maps.Clone(globals)
	for _, name := range names {
		if s, ok := name.(string); ok {
			delete(out, s)
		}
	}
	return out
}

// mergeGlobals applies SAM's rules for Globals: maps merge key by key, lists concatenate
// (globals first), and anything else, intrinsics included, is replaced by the local value. When
// the two differ in kind the local value wins.
func mergeGlobals(global, local any) any {
	if global == nil {
		return local
	}
	if local == nil {
		return global
	}
	switch g := global.(type) {
	case map[string]any:
		l, ok := local.(map[string]any)
		if !ok || isIntrinsic(g) || isIntrinsic(l) {
			return local
		}
		out := make(map[string]any, len(g)+len(l))
		maps.Copy(out, g)
		for k, lv := range l {
			if gv, ok := out[k]; ok {
				out[k] = mergeGlobals(gv, lv)
			} else {
				out[k] = lv
			}
		}
		return out
	case []any:
		if l, ok := local.([]any); ok {
			return append(slices.Clone(g), l...)
		}
	}
	return local
}

// isIntrinsic reports whether m is an intrinsic function call, which SAM treats as an opaque
// value because it resolves to one only at deployment.
func isIntrinsic(m map[string]any) bool {
	if len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}
