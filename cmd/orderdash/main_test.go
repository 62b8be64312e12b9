package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests run the real program (run) in-process against the demo's
// simulated stores, each in its own data folder. They set environment
// variables, so they do not run in parallel.

type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// sandbox points HOME and the XDG folders at a fresh temporary folder, so
// no test reads the developer's config or writes into their data.
type sandbox struct {
	t    *testing.T
	home string
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "ORDERDASH_CONFIG"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	return &sandbox{t: t, home: home}
}

func (s *sandbox) run(args ...string) result {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, args, &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// demo runs args with --demo.
func (s *sandbox) demo(args ...string) result {
	s.t.Helper()
	return s.run(append([]string{"--demo"}, args...)...)
}

// writeConfig writes a config file with the given mode and returns its path.
func (s *sandbox) writeConfig(text string, mode os.FileMode) string {
	s.t.Helper()
	p := filepath.Join(s.home, "config.toml")
	if err := os.WriteFile(p, []byte(text), mode); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		s.t.Fatal(err)
	}
	return p
}

func mustCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("want exit %d; got %s", code, r)
	}
}

func decodeJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("output is not JSON (%v):\n%s", err, s)
	}
	return v
}

// oneLine checks that a failure says what and why on one line of stderr.
func oneLine(t *testing.T, r result, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "orderdash: ") {
		t.Errorf("stderr is not one orderdash: line:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

func hasKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q: %v", what, k, m)
		}
	}
}

// checkOrderJSON checks the field names DESIGN.md documents.
func checkOrderJSON(t *testing.T, o map[string]any, detailed bool) {
	t.Helper()
	hasKeys(t, "order", o, "store", "id", "number", "status", "created", "customer", "total", "currency", "items", "ship_to", "history")
	st, _ := o["status"].(map[string]any)
	hasKeys(t, "status", st, "code", "name", "kind")
	cu, _ := o["customer"].(map[string]any)
	hasKeys(t, "customer", cu, "name", "email", "phone")
	to, _ := o["ship_to"].(map[string]any)
	hasKeys(t, "ship_to", to, "name", "lines", "city", "region", "postcode", "country")
	if _, isNumber := o["total"].(float64); isNumber {
		t.Errorf("total is a JSON number; money travels as a decimal string")
	}
	if !detailed {
		return
	}
	items, _ := o["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("detail has no items: %v", o)
	}
	hasKeys(t, "item", items[0].(map[string]any), "sku", "name", "quantity", "price")
	if _, ok := o["history"].([]any); !ok {
		t.Errorf("detail history is not a list: %v", o["history"])
	}
}
