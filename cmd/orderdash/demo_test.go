package main

import (
	"context"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

var demoStores = []string{"demo-cscart", "demo-lunasoft", "demo-api2cart"}

func TestListJSON(t *testing.T) {
	sb := newSandbox(t)
	for _, name := range demoStores {
		t.Run(name, func(t *testing.T) {
			r := sb.demo("list", "--store", name, "--json")
			mustCode(t, r, 0)
			orders := decodeJSON[[]map[string]any](t, r.stdout)
			if len(orders) == 0 {
				t.Fatalf("no orders:\n%s", r)
			}
			for _, o := range orders {
				checkOrderJSON(t, o, false)
				if o["store"] != name {
					t.Errorf("store = %v, want %s", o["store"], name)
				}
			}
		})
	}
}

func TestListTextAndPages(t *testing.T) {
	sb := newSandbox(t)
	for _, name := range demoStores {
		t.Run(name, func(t *testing.T) {
			r := sb.demo("list", "--store", name)
			mustCode(t, r, 0)
			header := strings.Fields(strings.SplitN(r.stdout, "\n", 2)[0])
			if strings.Join(header, " ") != "ORDER STATUS CREATED AGE DUE CUSTOMER ITEMS TOTAL" {
				t.Errorf("header = %q", header)
			}
			// stdout is the table alone; the page footer goes to stderr.
			if !strings.Contains(r.stderr, name+": page 1 · ") || !strings.Contains(r.stderr, "more with --page 2") {
				t.Errorf("no hint for the next page on stderr:\n%s", r)
			}
			if strings.Contains(r.stdout, "more with --page") || strings.Contains(r.stdout, "\n\n") {
				t.Errorf("the page footer is on stdout:\n%s", r.stdout)
			}
			p1 := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", name, "--json").stdout)
			p2 := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", name, "--json", "--page", "2").stdout)
			if len(p2) == 0 || p1[0]["id"] == p2[0]["id"] {
				t.Errorf("page 2 is empty or repeats page 1")
			}
			far := sb.demo("list", "--store", name, "--json", "--page", "100000")
			mustCode(t, far, 0)
			if got := decodeJSON[[]map[string]any](t, far.stdout); len(got) != 0 {
				t.Errorf("a page past the end has %d orders", len(got))
			}
		})
	}
}

func TestListStatusFilter(t *testing.T) {
	sb := newSandbox(t)
	tests := []struct{ store, typed, code string }{
		{"demo-cscart", "P", "P"},
		{"demo-cscart", "processed", "P"}, // a name, without regard to case
		{"demo-lunasoft", "pending", "Pending"},
		{"demo-api2cart", "Pending", "1"},
	}
	for _, tc := range tests {
		t.Run(tc.store+"/"+tc.typed, func(t *testing.T) {
			r := sb.demo("list", "--store", tc.store, "--status", tc.typed, "--json")
			mustCode(t, r, 0)
			orders := decodeJSON[[]map[string]any](t, r.stdout)
			if len(orders) == 0 {
				t.Fatalf("no %s orders:\n%s", tc.typed, r)
			}
			for _, o := range orders {
				if code := o["status"].(map[string]any)["code"]; code != tc.code {
					t.Errorf("order %v has status %v, want %s", o["id"], code, tc.code)
				}
			}
		})
	}
	r := sb.demo("list", "--store", "demo-cscart", "--status", "nonsense")
	mustCode(t, r, 1)
	oneLine(t, r, `no status "nonsense"`)
}

func TestStatuses(t *testing.T) {
	sb := newSandbox(t)
	for _, name := range demoStores {
		r := sb.demo("statuses", "--store", name, "--json")
		mustCode(t, r, 0)
		sts := decodeJSON[[]map[string]any](t, r.stdout)
		if len(sts) == 0 {
			t.Fatalf("%s: no statuses", name)
		}
		rank := -1
		for _, s := range sts {
			hasKeys(t, "status", s, "code", "name", "kind")
			// Listed by lifecycle: pending first, cancelled and the like
			// after completed (issue 14), whatever the platform's order.
			r := backend.KindRank(backend.StatusKind(s["kind"].(string)))
			if r < rank {
				t.Errorf("%s: %v is listed after a later kind: %v", name, s["name"], sts)
			}
			rank = r
		}
		text := sb.demo("statuses", "--store", name)
		mustCode(t, text, 0)
		if !strings.HasPrefix(text.stdout, "CODE") || strings.Count(text.stdout, "\n") != len(sts)+1 {
			t.Errorf("%s: text statuses:\n%s", name, text.stdout)
		}
	}
}

// firstOrder returns the id and status code of the newest order on page 1
// that is in none of the statuses given.
func firstOrder(t *testing.T, sb *sandbox, store string, not ...string) (string, string) {
	t.Helper()
	orders := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", store, "--json").stdout)
next:
	for _, o := range orders {
		code := o["status"].(map[string]any)["code"].(string)
		for _, n := range not {
			if code == n {
				continue next
			}
		}
		return o["id"].(string), code
	}
	t.Fatalf("%s: no order on page 1 outside %v", store, not)
	return "", ""
}

// A change made by one invocation is seen by the next: the simulators keep
// their state in the data folder.
func TestSetStatusThenShow(t *testing.T) {
	tests := []struct {
		store, to, code string
		extra           []string
		history         bool // the platform keeps a history: one new entry
	}{
		{"demo-cscart", "complete", "C", []string{"--notify"}, false},
		{"demo-lunasoft", "Shipped", "Shipped", []string{"--note", "Tracking #1Z999", "--notify"}, true},
		{"demo-api2cart", "processing", "2", []string{"--note", "packed"}, true},
	}
	sb := newSandbox(t)
	for _, tc := range tests {
		t.Run(tc.store, func(t *testing.T) {
			id, from := firstOrder(t, sb, tc.store, tc.code)
			before := decodeJSON[map[string]any](t, sb.demo("show", "--store", tc.store, id, "--json").stdout)
			checkOrderJSON(t, before, true)
			hBefore := before["history"].([]any)

			args := append([]string{"set-status", "--store", tc.store, id, tc.to}, tc.extra...)
			r := sb.demo(args...)
			mustCode(t, r, 0)
			if !strings.Contains(r.stdout, "order "+id+" is now") || !strings.Contains(r.stdout, "(was ") {
				t.Errorf("set-status output: %s", r.stdout)
			}

			after := decodeJSON[map[string]any](t, sb.demo("show", "--store", tc.store, id, "--json").stdout)
			if got := after["status"].(map[string]any)["code"]; got != tc.code {
				t.Fatalf("status after set-status = %v (was %s), want %s", got, from, tc.code)
			}
			hAfter := after["history"].([]any)
			if tc.history {
				if len(hAfter) != len(hBefore)+1 {
					t.Fatalf("history has %d entries, want %d", len(hAfter), len(hBefore)+1)
				}
				top := hAfter[0].(map[string]any)
				hasKeys(t, "history entry", top, "at", "status", "note", "notified", "source")
				if top["status"].(map[string]any)["code"] != tc.code || top["source"] != "platform" {
					t.Errorf("newest history entry = %v", top)
				}
			}
			text := sb.demo("show", "--store", tc.store, id)
			mustCode(t, text, 0)
			if !strings.Contains(text.stdout, "Order "+id) || !strings.Contains(text.stdout, "History (newest first)") {
				t.Errorf("show text:\n%s", text.stdout)
			}

			// The same change again is refused before anything is sent.
			again := sb.demo("set-status", "--store", tc.store, id, tc.to)
			mustCode(t, again, 1)
			oneLine(t, again, "cannot move from")
		})
	}

	// --demo-reset forgets them.
	r := sb.run("--demo-reset", "info")
	mustCode(t, r, 0)
}

func TestDemoReset(t *testing.T) {
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-cscart", "C")
	mustCode(t, sb.demo("set-status", "--store", "demo-cscart", id, "C"), 0)
	r := sb.run("--demo-reset", "show", "--store", "demo-cscart", id, "--json")
	mustCode(t, r, 0)
	if got := decodeJSON[map[string]any](t, r.stdout)["status"].(map[string]any)["code"]; got != from {
		t.Errorf("after --demo-reset the status is %v, want %s again", got, from)
	}
}

// Global flags may come after the command, and flags interleave with
// positional arguments.
func TestFlagOrder(t *testing.T) {
	sb := newSandbox(t)
	id, _ := firstOrder(t, sb, "demo-cscart")
	for _, args := range [][]string{
		{"show", id, "--store", "demo-cscart", "--demo", "--json"},
		{"--json", "show", "--store=demo-cscart", id, "--demo"},
		{"--data-dir", sb.home + "/.local/share/orderdash", "show", "--demo", "--json", "--store", "demo-cscart", "--", id},
	} {
		r := sb.run(args...)
		if r.code != 0 {
			t.Errorf("%q: %s", args, r)
			continue
		}
		if o := decodeJSON[map[string]any](t, r.stdout); o["id"] != id {
			t.Errorf("%q: id = %v", args, o["id"])
		}
	}
}

func TestExitCodes(t *testing.T) {
	sb := newSandbox(t)
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"list"}, 2, "--store is required"},
		{[]string{"list", "--store", "x", "--page", "0"}, 2, "--page must be a whole number from 1 to 1000000"},
		{[]string{"list", "--store", "x", "--page", "1000001"}, 2, "--page must be a whole number from 1 to 1000000"},
		{[]string{"list", "--store", "x", "--page", "9223372036854775807"}, 2, "--page must be a whole number from 1 to 1000000"},
		{[]string{"list", "--store", "x", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"list", "--bogus"}, 2, "unknown flag --bogus\n"},
		{[]string{"list", "--stor", "x"}, 2, "unknown flag --stor (did you mean --store?)"},
		{[]string{"show", "-jsn=1", "1"}, 2, "unknown flag -jsn (did you mean --json?)"},
		{[]string{"show", "--store", "demo-cscart"}, 2, "ORDER is required"},
		{[]string{"set-status", "--store", "demo-cscart", "1"}, 2, "ORDER and STATUS are required"},
		{[]string{"lst"}, 2, `unknown command "lst" (did you mean list?)`},
		{[]string{"help", "shw"}, 2, `unknown command "shw" (did you mean show?)`},
		{[]string{"info", "x"}, 2, `unexpected argument "x"`},
		{[]string{"list", "--store", "demo-csart"}, 1, `unknown store "demo-csart" (did you mean "demo-cscart"?); stores: demo-cscart, demo-lunasoft, demo-api2cart, demo-kornitx`},
		{[]string{"list", "--store", "cscart"}, 1, `unknown store "cscart" (did you mean "demo-cscart"?); stores: demo-cscart, demo-lunasoft, demo-api2cart, demo-kornitx`},
		{[]string{"show", "--store", "KORNITX", "1"}, 1, `unknown store "KORNITX" (did you mean "demo-kornitx"?); stores: `},
		{[]string{"list", "--store", "zzz"}, 1, `unknown store "zzz"; stores: demo-cscart, demo-lunasoft, demo-api2cart, demo-kornitx`},
		{[]string{"show", "--store", "demo-cscart", "999999"}, 1, "no order 999999 in demo-cscart"},
		{[]string{"show", "zz-garbage"}, 1, "no order zz-garbage in any store (looked in demo-cscart, demo-lunasoft, demo-api2cart, demo-kornitx)"},
		{[]string{"set-status", "--store", "demo-cscart", "1000", "nonsense"}, 1, `no status "nonsense"`},
		{[]string{"set-status", "--store", "demo-cscart", "1000", "C", "--note", "x"}, 1, "does not support --note"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := sb.demo(tc.args...)
			mustCode(t, r, tc.code)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
			if tc.code == 2 && !strings.Contains(r.stderr, "usage: orderdash") {
				t.Errorf("a usage error without the usage:\n%s", r.stderr)
			}
			if tc.code == 1 {
				oneLine(t, r, tc.want)
			}
			if r.stdout != "" {
				t.Errorf("a failure wrote to stdout:\n%s", r.stdout)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	sb := newSandbox(t)
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"help", "set-status"}, {"set-status", "-h"}} {
		r := sb.run(args...)
		mustCode(t, r, 0)
		if !strings.Contains(r.stdout, "usage: orderdash") || r.stderr != "" {
			t.Errorf("%q: %s", args, r)
		}
	}
	r := sb.run("help")
	for name := range commands {
		if !strings.Contains(r.stdout, "orderdash "+name) {
			t.Errorf("help does not list %s", name)
		}
	}
}

func TestReadOnlyFlag(t *testing.T) {
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-cscart", "C")
	r := sb.demo("set-status", "--read-only", "--store", "demo-cscart", id, "C")
	mustCode(t, r, 1)
	oneLine(t, r, "refusing to change order "+id+": --read-only is set")
	got := decodeJSON[map[string]any](t, sb.demo("show", "--store", "demo-cscart", id, "--json").stdout)
	if got["status"].(map[string]any)["code"] != from {
		t.Errorf("a read-only run changed the order")
	}
}

func TestNoConfig(t *testing.T) {
	sb := newSandbox(t)
	// Every command runs the demo without a config file, and says so once.
	note := "orderdash: no config file at " + sb.home + "/.config/orderdash/config.toml; using the demo stores"
	id, _ := firstOrder(t, sb, "demo-cscart")
	for _, args := range [][]string{
		{"list", "--store", "demo-cscart"},
		{"show", "--store", "demo-cscart", id},
		{"statuses", "--store", "demo-cscart"},
		{"check", "--store", "demo-cscart"},
		{"search", "--store", "demo-cscart", id},
		{"journal"},
	} {
		r := sb.run(args...)
		mustCode(t, r, 0)
		if strings.Count(r.stderr, note) != 1 || r.stdout == "" {
			t.Errorf("%q without a config file: %s", args, r)
		}
	}
	r := sb.run("--demo", "list", "--store", "demo-cscart")
	if strings.Contains(r.stderr, "no config file") {
		t.Errorf("--demo says there is no config file:\n%s", r.stderr)
	}

	r = sb.run("--config", sb.home+"/missing.toml", "info")
	mustCode(t, r, 1)
	if !strings.Contains(r.stderr, "missing.toml (from --config) does not exist") {
		t.Errorf("missing --config file: %s", r)
	}
	t.Setenv("ORDERDASH_CONFIG", sb.home+"/env.toml")
	r = sb.run("list", "--store", "x")
	mustCode(t, r, 1)
	oneLine(t, r, "env.toml (from $ORDERDASH_CONFIG) does not exist")
}

func TestDemoCheck(t *testing.T) {
	sb := newSandbox(t)
	r := sb.demo("check")
	mustCode(t, r, 0)
	for _, name := range demoStores {
		if !strings.Contains(r.stdout, "ok  "+name) {
			t.Errorf("check lacks an ok line for %s:\n%s", name, r.stdout)
		}
	}
	r = sb.demo("check", "--store", "DEMO-LUNASOFT")
	mustCode(t, r, 0)
	if strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("check --store checked more than one store:\n%s", r.stdout)
	}
}

func TestDemoInfo(t *testing.T) {
	sb := newSandbox(t)
	r := sb.run("info")
	mustCode(t, r, 0)
	for _, want := range []string{
		"config file  " + sb.home + "/.config/orderdash/config.toml (not found: every command runs the demo)",
		"data dir     " + sb.home + "/.local/share/orderdash",
		"database     " + sb.home + "/.local/share/orderdash/orderdash.db",
		"debug log    " + sb.home + "/.local/state/orderdash/debug.log",
		"demo-cscart",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, r.stdout)
		}
	}
	t.Setenv("XDG_DATA_HOME", sb.home+"/xdg-data")
	r = sb.run("info", "--data-dir", sb.home+"/elsewhere")
	if !strings.Contains(r.stdout, "database     "+sb.home+"/elsewhere/orderdash.db") {
		t.Errorf("--data-dir not honoured:\n%s", r.stdout)
	}
}

// Ctrl-C cancels the context run is given: the command stops with one line.
func TestInterrupted(t *testing.T) {
	newSandbox(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut strings.Builder
	code := run(ctx, []string{"--demo", "list", "--store", "demo-cscart"}, &out, &errOut)
	if code != 1 || !strings.HasPrefix(errOut.String(), "orderdash: interrupted: ") || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}
