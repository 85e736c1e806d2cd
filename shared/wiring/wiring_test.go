package wiring

import (
	"maps"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
)

// localValues stand in for what only a deployment knows (resources, secrets, URLs).
var localValues = map[string]string{
	"TABLE_NAME":           "t",
	"DOCUMENT_HMAC_KEY":    "0123456789abcdef0123456789abcdef",
	"DOCUMENT_HMAC_KEY_ID": "k1",
	"CURSOR_HMAC_KEY":      "0123456789abcdef0123456789abcdef",
	"ALERTS_TOPIC_ARN":     "arn:aws:sns:eu-west-1:000000000000:alerts",
	"API_BASE_URL":         "https://api.example",
	"CONSOLE_URL":          "https://api.example/console",
	"OIDC_CLIENT_ID":       "",
	"OIDC_AUTHORIZE_URL":   "",
	"OIDC_TOKEN_URL":       "",
	"OIDC_LOGOUT_URL":      "",
}

func templateEnv(t *testing.T) (*samtemplate.Template, map[string]map[string]string) {
	t.Helper()
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, fn := range tpl.Functions() {
		env, err := tpl.Environment(fn.LogicalID, localValues)
		if err != nil {
			t.Fatal(err)
		}
		out[fn.LogicalID] = env
	}
	return tpl, out
}

// TestEveryFunctionWiresFromTheTemplate: with the variables template.yaml sets (its defaults,
// and stand-ins for what only a deployment knows), every function assembles, with the handler
// its kind of events needs; nothing is sent, so no client is needed.
func TestEveryFunctionWiresFromTheTemplate(t *testing.T) {
	tpl, envs := templateEnv(t)
	for _, fn := range tpl.Functions() {
		e, ok := Functions[fn.LogicalID]
		if !ok {
			t.Errorf("%s: no wiring", fn.LogicalID)
			continue
		}
		f, err := e.Wire(envs[fn.LogicalID], Deps{})
		if err != nil {
			t.Errorf("%s: %v", fn.LogicalID, err)
			continue
		}
		kinds := map[string]bool{}
		for _, ev := range fn.Events {
			kinds[ev.Type] = true
		}
		if f.Handler == nil {
			t.Errorf("%s: no handler", fn.LogicalID)
		}
		if (f.Routes != nil) != kinds["HttpApi"] || (f.HTTP != nil) != kinds["HttpApi"] || (f.Stream != nil) != kinds["DynamoDB"] || (f.Scheduled != nil) != kinds["ScheduleV2"] {
			t.Errorf("%s: events %v, but routes %v stream %v scheduled %v", fn.LogicalID, kinds, f.Routes != nil, f.Stream != nil, f.Scheduled != nil)
		}
	}
}

// TestAMissingVariableIsNamed: leaving out any variable a function requires fails its wiring
// with an error naming the variable (a cold start that says what is wrong).
func TestAMissingVariableIsNamed(t *testing.T) {
	tpl, envs := templateEnv(t)
	for _, fn := range tpl.Functions() {
		for name := range envs[fn.LogicalID] {
			env := maps.Clone(envs[fn.LogicalID])
			delete(env, name)
			_, err := Functions[fn.LogicalID].Wire(env, Deps{})
			if err != nil && !strings.Contains(err.Error(), name) {
				t.Errorf("%s without %s: error %q does not name it", fn.LogicalID, name, err)
			}
			if err == nil && localValues[name] != "" {
				// Every stand-in but the console's optional sign-in settings is required.
				t.Errorf("%s wires without %s", fn.LogicalID, name)
			}
		}
	}
}

func TestInvalidValuesAreNamed(t *testing.T) {
	_, envs := templateEnv(t)
	cases := []struct{ function, name, value string }{
		{"IngestFunction", "MAX_PERSONS", "0"},
		{"ScoreFunction", "RULESET", "{not json"},
		{"ScoreFunction", "STREAM_RETRY_SECONDS", "soon"},
		{"NotifyFunction", "ALERT_MIN_LEVEL", "MEDUIM"},
		{"RescanFunction", "ALERT_MIN_LEVEL", "MEDUIM"},
		{"RescanFunction", "LIVE_WINDOW_HOURS", "-1"},
		{"RescanFunction", "RETENTION_DAYS", "x"},
		{"ManifestsFunction", "CURSOR_HMAC_KEY", "short"},
	}
	for _, c := range cases {
		env := maps.Clone(envs[c.function])
		env[c.name] = c.value
		_, err := Functions[c.function].Wire(env, Deps{})
		if err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s with %s=%q: error %v, want one naming %s", c.function, c.name, c.value, err, c.name)
		}
	}
}
