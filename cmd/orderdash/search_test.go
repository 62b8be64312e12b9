package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/ui"
)

func TestSearchCommand(t *testing.T) {
	sb := newSandbox(t)
	const st = "demo-cscart"
	mustCode(t, sb.demo("sync", "--store", st), 0)
	orders := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", st, "--json").stdout)
	if len(orders) < 2 {
		t.Fatalf("%d orders listed", len(orders))
	}
	o := orders[1]
	id := o["id"].(string)
	email := o["customer"].(map[string]any)["email"].(string)

	// By id: the exact match first, from the mirror.
	r := sb.demo("search", id, "--store", st, "--json")
	mustCode(t, r, 0)
	got := decodeJSON[[]map[string]any](t, r.stdout)
	if len(got) == 0 || got[0]["id"] != id || got[0]["match"] != "exact" || got[0]["source"] != "mirror" || got[0]["store"] != st {
		t.Fatalf("search %s: %v", id, r)
	}
	checkOrderJSON(t, got[0], false)
	hasKeys(t, "search result", got[0], "match", "source", "late", "urgent")

	// By e-mail, in every store, as text.
	r = sb.demo("search", strings.ToUpper(email))
	mustCode(t, r, 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !strings.HasPrefix(lines[0], "STORE") || !strings.Contains(r.stdout, email) || !strings.Contains(r.stdout, "text") {
		t.Errorf("search by e-mail:\n%s", r)
	}

	// Hostile queries: a normal answer, or one line.
	for _, q := range []string{`"`, `*`, `NEAR(a b)`, `-`, `"x" OR "y"`} {
		r := sb.demo("search", q, "--store", st)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("search %q: %v", q, r)
		}
	}
	r = sb.demo("search", strings.Repeat("x", 10_000))
	oneLine(t, r, "matches nothing; search for a shorter piece of it")
	r = sb.demo("search", "zzzzqqqq", "--store", st)
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, `no order matches "zzzzqqqq" (searched demo-cscart)`) {
		t.Errorf("no match: %v", r)
	}
	mustCode(t, sb.demo("search"), 2)
	r = sb.demo("search", "x", "--store", "demo-cscrat")
	if r.code != 1 || !strings.Contains(r.stderr, `did you mean "demo-cscart"?`) {
		t.Errorf("unknown store: %v", r)
	}
}

// The dashboard's state file comes back unless --fresh; the demo keeps
// its own.
func TestDashboardStateAndFresh(t *testing.T) {
	sb := newSandbox(t)
	a := newApp(&globals{}, nil, nil)
	if err := a.load(); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(sb.home, ".local", "state", "orderdash", "state.json")
	if a.paths.StateFile != want {
		t.Fatalf("state file %s, want %s", a.paths.StateFile, want)
	}
	if err := ui.SaveState(want, ui.State{Tab: "store:Cart"}); err != nil {
		t.Fatal(err)
	}
	if p, s := a.dashboardState(false, false); p != want || s == nil || s.Tab != "store:Cart" {
		t.Errorf("state %s %+v", p, s)
	}
	if _, s := a.dashboardState(false, true); s != nil {
		t.Errorf("--fresh loaded %+v", s)
	}
	if p, s := a.dashboardState(true, false); p == want || s != nil {
		t.Errorf("the demo read the stores' state file: %s %+v", p, s)
	}
	// --fresh is a flag of the dashboard.
	fs := newFlagSet("orderdash", &globals{})
	dashboardSetup(fs)
	if fs.Lookup("fresh") == nil {
		t.Error("no --fresh flag")
	}
}
