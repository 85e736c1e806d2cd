package config

import (
	"errors"
	"strings"
	"testing"
)

// TestEnvReportsEveryProblemByName: a cold start that lacks or misreads variables names each of
// them in one error, so one deployment fix covers them all; blanks count as missing, since a
// template parameter left empty sets the variable to "".
func TestEnvReportsEveryProblemByName(t *testing.T) {
	e := FromMap(map[string]string{"TABLE": "t", "BLANK": "  ", "RETRY": "30", "BIG": "5000", "WORD": "ten"})
	if got := e.Require("TABLE"); got != "t" {
		t.Errorf("Require(TABLE) = %q", got)
	}
	e.Require("TOPIC")
	e.Require("BLANK")
	if got := e.Optional("LEVEL", "MEDIUM"); got != "MEDIUM" {
		t.Errorf("Optional unset = %q, want the default", got)
	}
	if got := e.Optional("BLANK", "x"); got != "x" {
		t.Errorf("Optional blank = %q, want the default", got)
	}
	if n := e.Int("RETRY", e.Optional("RETRY", ""), 0, 900); n != 30 {
		t.Errorf("Int(RETRY) = %d", n)
	}
	if n := e.Int("UNSET", e.Optional("UNSET", ""), 1, 10); n != 0 {
		t.Errorf("Int of an unset optional = %d, want 0 and no problem", n)
	}
	e.Int("BIG", e.Optional("BIG", ""), 0, 900)
	e.Int("WORD", e.Optional("WORD", ""), 0, 900)
	e.Invalid("KEY", errors.New("too short"))
	e.Invalid("FINE", nil)

	err := e.Err()
	if err == nil {
		t.Fatal("no error for two missing and three invalid variables")
	}
	for _, want := range []string{"missing environment variables: TOPIC, BLANK", `BIG="5000"`, `WORD="ten"`, "KEY: too short"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	for _, never := range []string{"TABLE", "RETRY", "FINE", "LEVEL", "UNSET"} {
		if strings.Contains(err.Error(), never) {
			t.Errorf("%q names %s, which was fine", err, never)
		}
	}
}

func TestEnvWithNothingWrongHasNoError(t *testing.T) {
	e := FromMap(map[string]string{"TABLE": "t"})
	e.Require("TABLE")
	e.Optional("LEVEL", "MEDIUM")
	if err := e.Err(); err != nil {
		t.Errorf("Err = %v", err)
	}
}

func TestFromEnvReadsTheProcessEnvironment(t *testing.T) {
	t.Setenv("PAXSCREEN_CONFIG_TEST", "v")
	if got := FromEnv().Require("PAXSCREEN_CONFIG_TEST"); got != "v" {
		t.Errorf("Require = %q", got)
	}
}
