// Package config reads a function's configuration from the environment variables that
// template.yaml sets. Every variable is read through Env so that a missing one is reported by
// name at cold start, and so that the template test can find, by reading the source, every name a
// function reads (calls of Require and Optional with a string literal in shared/wiring).
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Env collects variables and the problems found while reading them.
type Env struct {
	lookup  func(string) (string, bool)
	missing []string
	invalid []string
}

// FromEnv reads the process environment.
func FromEnv() *Env { return &Env{lookup: os.LookupEnv} }

// FromMap reads a fixed set of variables: the process environment as shared/wiring receives
// it, or the variables template.yaml sets as the local stack resolves them.
func FromMap(m map[string]string) *Env {
	return &Env{lookup: func(k string) (string, bool) { v, ok := m[k]; return v, ok }}
}

// Require returns the variable's value and records it as missing when unset or blank.
func (e *Env) Require(name string) string {
	v, ok := e.lookup(name)
	if !ok || strings.TrimSpace(v) == "" {
		e.missing = append(e.missing, name)
		return ""
	}
	return v
}

// Optional returns the variable's value, or def when unset or blank.
func (e *Env) Optional(name, def string) string {
	v, ok := e.lookup(name)
	if !ok || strings.TrimSpace(v) == "" {
		return def
	}
	return v
}

// Int parses a value read with Require or Optional, recording a problem naming the variable
// when it is not a whole number within [min, max].
func (e *Env) Int(name, value string, min, max int) int {
	if value == "" {
		return 0
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < min || n > max {
		e.invalid = append(e.invalid, fmt.Sprintf("%s=%q (want a whole number from %d to %d)", name, value, min, max))
		return 0
	}
	return n
}

// Err reports every missing or invalid variable at once, or nil.
func (e *Env) Err() error {
	var msgs []string
	if len(e.missing) > 0 {
		msgs = append(msgs, "missing environment variables: "+strings.Join(e.missing, ", "))
	}
	if len(e.invalid) > 0 {
		msgs = append(msgs, "invalid environment variables: "+strings.Join(e.invalid, "; "))
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// Invalid records that a variable's value was refused (err nil records nothing), so that Err and
// MustAWS report it with the others.
func (e *Env) Invalid(name string, err error) {
	if err != nil {
		e.invalid = append(e.invalid, fmt.Sprintf("%s: %v", name, err))
	}
}
