package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// These tests drive the journal end to end through run(), against the
// demo's simulated stores, in a fresh HOME each.

// demoDB is where the demo keeps its own database.
func (s *sandbox) demoDB() string {
	return filepath.Join(s.home, ".local", "share", "orderdash", "demo", storage.FileName)
}

// realDB is the database of a config file's stores, by default.
func (s *sandbox) realDB() string {
	return filepath.Join(s.home, ".local", "share", "orderdash", storage.FileName)
}

// journalEntries runs `journal --json` with args and decodes it.
func journalEntries(t *testing.T, sb *sandbox, args ...string) []map[string]any {
	t.Helper()
	r := sb.run(append([]string{"journal", "--json"}, args...)...)
	mustCode(t, r, 0)
	return decodeJSON[[]map[string]any](t, r.stdout)
}

func statusCode(t *testing.T, sb *sandbox, args ...string) string {
	t.Helper()
	r := sb.run(append([]string{"show", "--json"}, args...)...)
	mustCode(t, r, 0)
	return decodeJSON[map[string]any](t, r.stdout)["status"].(map[string]any)["code"].(string)
}

// Every documented field of `journal --json` (README.md, "journal").
var journalFields = []string{"id", "store", "order_id", "from", "to", "notify", "idempotency_key",
	"operator", "requested", "state", "attempts", "updated"}

func TestSetStatusIsJournaled(t *testing.T) {
	sb := newSandbox(t)
	cfg := sb.writeConfig("operator = \"sam\"\n", 0o600)
	demo := func(args ...string) result { return sb.run(append([]string{"--config", cfg, "--demo"}, args...)...) }

	id, from := firstOrder(t, sb, "demo-cscart", "C")
	r := demo("set-status", "--store", "demo-cscart", id, "C", "--notify")
	mustCode(t, r, 0)
	if r.stderr != "" {
		t.Errorf("a clean change wrote to stderr:\n%s", r)
	}

	entries := journalEntries(t, sb, "--config", cfg, "--demo")
	if len(entries) != 1 {
		t.Fatalf("journal has %d entries, want 1: %v", len(entries), entries)
	}
	e := entries[0]
	hasKeys(t, "journal entry", e, append(journalFields, "sent", "result")...)
	for k, want := range map[string]any{"store": "demo-cscart", "order_id": id, "operator": "sam",
		"state": "confirmed", "notify": true, "attempts": float64(1)} {
		if e[k] != want {
			t.Errorf("%s = %v, want %v", k, e[k], want)
		}
	}
	if e["from"].(map[string]any)["code"] != from || e["to"].(map[string]any)["code"] != "C" || e["result"].(map[string]any)["code"] != "C" {
		t.Errorf("from/to/result: %v", e)
	}
	for _, k := range []string{"from", "to", "result"} {
		hasKeys(t, k, e[k].(map[string]any), "code", "name", "kind")
	}
	if key, _ := e["idempotency_key"].(string); key == "" {
		t.Error("no idempotency key")
	}

	// CS-Cart keeps no history: the timeline is the journal's, with who.
	o := decodeJSON[map[string]any](t, demo("show", "--store", "demo-cscart", id, "--json").stdout)
	h := o["history"].([]any)
	if len(h) != 1 {
		t.Fatalf("history %v, want the one local entry", h)
	}
	ev := h[0].(map[string]any)
	if ev["source"] != "local" || ev["actor"] != "sam" || ev["notified"] != true || ev["status"].(map[string]any)["code"] != "C" {
		t.Errorf("history entry %v", ev)
	}
	if text := demo("show", "--store", "demo-cscart", id); !strings.Contains(text.stdout, "local") || !strings.Contains(text.stdout, "by sam") {
		t.Errorf("show text lacks the local entry:\n%s", text.stdout)
	}

	// The text journal: a header, one row, newest first.
	text := demo("journal")
	mustCode(t, text, 0)
	lines := strings.Split(strings.TrimSpace(text.stdout), "\n")
	if strings.Join(strings.Fields(lines[0]), " ") != "ID TIME OPERATOR STORE ORDER CHANGE STATE ERROR" || len(lines) != 2 {
		t.Fatalf("journal text:\n%s", text.stdout)
	}
	for _, want := range []string{"sam", "demo-cscart", id, "→ Complete", "confirmed"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("journal row lacks %q: %q", want, lines[1])
		}
	}
	steps := demo("journal", "log", "1")
	mustCode(t, steps, 0)
	for _, want := range []string{"recorded", "sent", "confirmed"} {
		if !strings.Contains(steps.stdout, want) {
			t.Errorf("journal log lacks %q:\n%s", want, steps.stdout)
		}
	}

	// The demo's changes never reach the real journal.
	if _, err := os.Stat(sb.demoDB()); err != nil {
		t.Errorf("the demo database: %v", err)
	}
	if _, err := os.Stat(sb.realDB()); err == nil {
		t.Errorf("the demo wrote to the real database %s", sb.realDB())
	}
	info := demo("info")
	if !strings.Contains(info.stdout, "demo db      "+sb.demoDB()+" (schema") || !strings.Contains(info.stdout, "1 change,") {
		t.Errorf("info does not show the demo database:\n%s", info.stdout)
	}

	// --demo-reset forgets the journal with the stores' state.
	r = demo("--demo-reset", "journal", "--json")
	mustCode(t, r, 0)
	if got := decodeJSON[[]map[string]any](t, r.stdout); len(got) != 0 {
		t.Errorf("after --demo-reset the journal has %d entries", len(got))
	}
	if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != from {
		t.Errorf("after --demo-reset order %s is %s, want %s", id, got, from)
	}
}

// A database that cannot be used: reads go on without it (one line on
// stderr), changes are refused, and nothing is sent.
func TestUnusableDatabase(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(t *testing.T, path string)
		want  string
	}{
		{"corrupt", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 512), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "the database file is damaged"},
		{"newer", func(t *testing.T, path string) {
			db, err := storage.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			raw, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec("PRAGMA user_version = 999"); err != nil {
				t.Fatal(err)
			}
		}, "written by a newer orderdash"},
		{"a folder", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "it is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox(t)
			id, from := firstOrder(t, sb, "demo-cscart", "C") // starts the demo's state
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.RemoveAll(sb.demoDB() + suffix); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Dir(sb.demoDB()), 0o700); err != nil {
				t.Fatal(err)
			}
			tc.spoil(t, sb.demoDB())

			r := sb.demo("list", "--store", "demo-cscart", "--json")
			mustCode(t, r, 0)
			if len(decodeJSON[[]map[string]any](t, r.stdout)) == 0 {
				t.Error("list printed no orders")
			}
			oneLine(t, r, tc.want)
			if !strings.Contains(r.stderr, sb.demoDB()) || !strings.Contains(r.stderr, "going on without the local history") {
				t.Errorf("the warning does not name the file and what happens:\n%s", r.stderr)
			}

			r = sb.demo("set-status", "--store", "demo-cscart", id, "C")
			mustCode(t, r, 1)
			oneLine(t, r, "refusing to change order "+id+": the change journal cannot be opened, so no change is sent: ")
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("set-status does not say why:\n%s", r.stderr)
			}
			if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != from {
				t.Errorf("order %s changed to %s without a journal", id, got)
			}

			r = sb.demo("journal")
			mustCode(t, r, 1)
			oneLine(t, r, tc.want)

			r = sb.demo("info")
			mustCode(t, r, 0)
			if !strings.Contains(r.stdout, "demo db      "+sb.demoDB()+" (cannot be used: ") {
				t.Errorf("info does not say the database cannot be used:\n%s", r.stdout)
			}

			// --demo-reset starts the demo, and its database, afresh.
			r = sb.run("--demo-reset", "list", "--store", "demo-cscart")
			mustCode(t, r, 0)
			// stderr holds the page footer alone.
			if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "demo-cscart: page 1 · ") {
				t.Errorf("after --demo-reset: %s", r)
			}
		})
	}
}

// recordSent leaves a change in the journal at path as a process that
// died while sending it would: recorded, marked sent, no outcome, and its
// session's lock file present but no longer locked.
func recordSent(t *testing.T, path string, ch backend.Change) int64 {
	t.Helper()
	ctx := context.Background()
	before, _ := filepath.Glob(path + "-sessions/*.lock")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	j := db.Journal("ann")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := filepath.Glob(path + "-sessions/*.lock")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, l := range after {
		if !slices.Contains(before, l) {
			if err := os.WriteFile(l, nil, 0o600); err != nil { // as a crash leaves it
				t.Fatal(err)
			}
		}
	}
	return ch.ID
}

func st(code, name string) backend.Status { return backend.Status{Code: code, Name: name} }

// A change whose process died is settled at the next set-status of its
// store: confirmed if the store shows it, resent if that is safe, else
// left to the operator, who resends or drops it.
func TestReconcileAtSetStatus(t *testing.T) {
	tests := []struct {
		name, store     string
		to              backend.Status
		applied         bool // the store already shows it (the answer was lost)
		wantAction      string
		wantState       string
		wantStatusAfter func(from string) string
	}{
		{"cscart lost answer", "demo-cscart", st("C", "Complete"), true, "confirmed: the store shows it applied", "confirmed", nil},
		{"cscart never arrived", "demo-cscart", st("C", "Complete"), false, "resent (same idempotency key) and confirmed", "confirmed",
			func(string) string { return "C" }},
		{"lunasoft never arrived", "demo-lunasoft", st("Shipped", "Shipped"), false, "needs your decision", "unknown",
			func(from string) string { return from }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox(t)
			id, from := firstOrder(t, sb, tc.store, tc.to.Code)
			ch := backend.Change{Store: tc.store, OrderID: id, From: st(from, from), To: tc.to}
			if tc.applied {
				ch.From, ch.To = st("O", "Open"), st(from, from) // the store shows "to" already
			}
			changeID := recordSent(t, sb.demoDB(), ch)

			// The next set-status, on another order of the store.
			other, _ := firstOrder(t, sb, tc.store, tc.to.Code, from)
			if other == id {
				t.Fatal("no second order")
			}
			r := sb.demo("set-status", "--store", tc.store, other, tc.to.Code)
			mustCode(t, r, 0)
			if !strings.Contains(r.stderr, "journal: change 1 ("+tc.store+" order "+id) || !strings.Contains(r.stderr, tc.wantAction) {
				t.Errorf("set-status does not say what reconciliation did:\n%s", r)
			}

			entries := journalEntries(t, sb, "--demo")
			if len(entries) != 2 {
				t.Fatalf("journal: %v", entries)
			}
			e := entries[0]
			if tc.wantState != "confirmed" {
				// Open changes are listed on top, even when older.
				if e["id"] != float64(changeID) || e["state"] != tc.wantState || e["needs_decision"] != true || e["error"] == "" {
					t.Errorf("open change not on top, or not flagged: %v", e)
				}
				hasKeys(t, "open entry", e, "needs_decision", "error")
			} else if e = entries[1]; e["state"] != "confirmed" || e["operator"] != "ann" {
				t.Errorf("reconciled change: %v", e)
			}
			if tc.wantStatusAfter != nil {
				if got := statusCode(t, sb, "--demo", "--store", tc.store, id); got != tc.wantStatusAfter(from) {
					t.Errorf("order %s is %s after reconciliation, want %s", id, got, tc.wantStatusAfter(from))
				}
			}
			if tc.wantState == "confirmed" {
				return
			}

			// The operator decides: the text journal says how, resend sends it.
			text := sb.demo("journal")
			if !strings.Contains(text.stdout, "unknown, decide") || !strings.Contains(text.stdout, "orderdash journal resend ID") {
				t.Errorf("journal text does not offer the decision:\n%s", text.stdout)
			}
			r = sb.demo("journal", "resend", "1")
			mustCode(t, r, 0)
			if !strings.Contains(r.stdout, "order "+id+" is now "+tc.to.Name) || !strings.Contains(r.stdout, "(change 1 resent)") {
				t.Errorf("resend: %s", r)
			}
			if got := statusCode(t, sb, "--demo", "--store", tc.store, id); got != tc.to.Code {
				t.Errorf("after resend order %s is %s", id, got)
			}
			r = sb.demo("journal", "resend", "1")
			mustCode(t, r, 1)
			oneLine(t, r, "change 1 is confirmed: the store already shows it")
			r = sb.demo("journal", "drop", "1")
			mustCode(t, r, 1)
			oneLine(t, r, "change 1 is confirmed")
		})
	}
}

func TestJournalDrop(t *testing.T) {
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-lunasoft", "Shipped")
	recordSent(t, sb.demoDB(), backend.Change{Store: "demo-lunasoft", OrderID: id, From: st(from, from), To: st("Shipped", "Shipped")})
	r := sb.demo("journal", "reconcile")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "needs your decision") {
		t.Fatalf("reconcile: %s", r)
	}
	r = sb.demo("--read-only", "journal", "drop", "1")
	mustCode(t, r, 1)
	oneLine(t, r, "refusing to drop change 1: --read-only is set")

	r = sb.demo("journal", "drop", "1")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "change 1 dropped") || !strings.Contains(r.stdout, "nothing was sent") {
		t.Errorf("drop: %s", r)
	}
	if e := journalEntries(t, sb, "--demo")[0]; e["state"] != "dropped" {
		t.Errorf("dropped change: %v", e)
	}
	if got := statusCode(t, sb, "--demo", "--store", "demo-lunasoft", id); got != from {
		t.Errorf("a dropped change reached the store: %s", got)
	}
	r = sb.demo("journal", "reconcile")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "nothing to reconcile") {
		t.Errorf("a dropped change was reconciled again: %s", r)
	}
}

// Read-only: reconciliation confirms what the store shows but never
// resends, even where a resend is safe; resend and drop are refused.
func TestReconcileReadOnly(t *testing.T) {
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-cscart", "C")
	recordSent(t, sb.demoDB(), backend.Change{Store: "demo-cscart", OrderID: id, From: st(from, from), To: st("C", "Complete")})

	r := sb.demo("--read-only", "journal", "reconcile")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "needs your decision") || !strings.Contains(r.stdout, "read-only: not resent") {
		t.Errorf("read-only reconcile: %s", r)
	}
	if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != from {
		t.Errorf("read-only reconciliation resent the change: order %s is %s", id, got)
	}
	r = sb.demo("--read-only", "journal", "resend", "1")
	mustCode(t, r, 1)
	oneLine(t, r, "refusing to resend change 1: --read-only is set")

	// Without --read-only, the safe resend goes out.
	r = sb.demo("journal", "reconcile", "--store", "DEMO-CSCART")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "resent (same idempotency key) and confirmed") {
		t.Errorf("reconcile: %s", r)
	}
	if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != "C" {
		t.Errorf("order %s is %s after the resend", id, got)
	}
}

// A store with read_only = true is never resent to by reconciliation,
// whoever runs it; the change waits for the operator.
func TestReconcileReadOnlyStore(t *testing.T) {
	sb, cfg := simSandbox(t, rightKey, 0o644)
	t.Setenv("ORDERDASH_CONFIG", cfg)

	orders := decodeJSON[[]map[string]any](t, sb.run("list", "--store", "Marketplace EU", "--json").stdout)
	var id, from string
	for _, o := range orders {
		if code := o["status"].(map[string]any)["code"].(string); code != "C" {
			id, from = o["id"].(string), code
			break
		}
	}
	recordSent(t, sb.realDB(), backend.Change{Store: "Marketplace EU", OrderID: id, From: st(from, from), To: st("C", "Complete")})
	r := sb.run("journal", "reconcile")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "needs your decision") {
		t.Errorf("reconcile of a read-only store: %s", r)
	}
	if got := statusCode(t, sb, "--store", "Marketplace EU", id); got != from {
		t.Errorf("a read-only store was resent to: order %s is %s", id, got)
	}
	r = sb.run("journal", "resend", "1")
	mustCode(t, r, 1)
	oneLine(t, r, `refusing to resend change 1: store "Marketplace EU" is read-only`)
	if e := journalEntries(t, sb, "--store", "marketplace eu")[0]; e["store"] != "Marketplace EU" || e["needs_decision"] != true {
		t.Errorf("journal --store: %v", e)
	}
}

// The dashboard gets the stores (with their local history), the journal
// and the database it reconciles with at start; without a usable database
// it browses read-only and is told why.
func TestDashboardOptions(t *testing.T) {
	sb := newSandbox(t)
	ctx := context.Background()
	open := func(g *globals) (ui.Options, *bytes.Buffer, *app) {
		t.Helper()
		var errOut bytes.Buffer
		a := newApp(g, io.Discard, &errOut)
		t.Cleanup(a.close)
		if err := a.load(); err != nil {
			t.Fatal(err)
		}
		opts, err := a.dashboardOptions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return opts, &errOut, a
	}

	opts, errOut, a := open(&globals{}) // no config file: the demo
	if opts.DB == nil || opts.DB.Path() != sb.demoDB() || opts.Journal == nil || opts.ReadOnly || opts.DBProblem != nil || !opts.Demo {
		t.Fatalf("options: DB %v, journal %v, read-only %v, problem %v", opts.DB, opts.Journal, opts.ReadOnly, opts.DBProblem)
	}
	// The only line on stderr is the one saying the demo runs.
	if len(opts.Stores) != len(demoStores)+1 || errOut.String() != "orderdash: "+noConfigNote(a.paths.Config)+"\n" {
		t.Errorf("%d stores, stderr %q", len(opts.Stores), errOut)
	}
	for _, b := range opts.Stores {
		if _, ok := b.(interface{ Unwrap() backend.Backend }); !ok {
			t.Errorf("%s is not wrapped with its local history", b.Name())
		}
	}
	if db, ok := opts.DB.(*storage.DB); !ok || db != a.dbs.db {
		t.Errorf("the dashboard's database is %T, not the run's *storage.DB", opts.DB)
	}

	// A change that died in flight is settled through the database the
	// dashboard is given, with the stores it is given.
	cs := opts.Stores[0]
	id, from := firstOrder(t, sb, cs.Name(), "C")
	recordSent(t, sb.demoDB(), backend.Change{Store: cs.Name(), OrderID: id, From: st(from, from), To: st("C", "Complete")})
	outs, err := opts.DB.Reconcile(ctx, cs, backend.ReconcileOptions{Operator: opts.Operator})
	if err != nil || len(outs) != 1 || outs[0].Action != backend.ReconcileResent {
		t.Errorf("reconcile through the dashboard's database: %+v %v", outs, err)
	}
	// And a change from the dashboard is journaled with its operator.
	other, _ := firstOrder(t, sb, cs.Name(), "C", from)
	if _, err := backend.Apply(ctx, cs, opts.Journal, backend.Change{OrderID: other, From: st("O", "Open"), To: st("C", "Complete"), Operator: opts.Operator}); err != nil {
		t.Fatal(err)
	}
	a.close()
	if e := journalEntries(t, sb, "--demo")[0]; e["order_id"] != other || e["operator"] != opts.Operator || e["state"] != "confirmed" {
		t.Errorf("dashboard change: %v", e)
	}

	if opts, _, _ := open(&globals{readOnly: true}); !opts.ReadOnly || opts.DB == nil {
		t.Errorf("--read-only: read-only %v, DB %v", opts.ReadOnly, opts.DB)
	}

	if err := os.WriteFile(sb.demoDB(), bytes.Repeat([]byte("not a database "), 512), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(sb.demoDB() + "-wal")
	os.Remove(sb.demoDB() + "-shm")
	opts, errOut, _ = open(&globals{demo: true})
	if !opts.ReadOnly || opts.DB != nil || !errors.Is(opts.DBProblem, storage.ErrCorrupt) || len(opts.Stores) != len(demoStores)+1 {
		t.Errorf("damaged database: read-only %v, DB %v, problem %v, %d stores", opts.ReadOnly, opts.DB, opts.DBProblem, len(opts.Stores))
	}
	if errOut.Len() != 0 {
		t.Errorf("the problem was printed under the dashboard, which shows it itself: %q", errOut)
	}
}

// A change another running orderdash is still sending is left alone.
func TestReconcileLeavesLiveChanges(t *testing.T) {
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-cscart", "C")
	ctx := context.Background()
	db, err := storage.Open(ctx, sb.demoDB())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ch := backend.Change{Store: "demo-cscart", OrderID: id, From: st(from, from), To: st("C", "Complete")}
	j := db.Journal("ann")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	r := sb.demo("journal", "reconcile")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "left for later: still in flight") {
		t.Errorf("reconcile: %s", r)
	}
	if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != from {
		t.Errorf("a change in flight elsewhere was resent")
	}
}

func TestJournalUsage(t *testing.T) {
	sb := newSandbox(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"journal", "resnd", "1"}, 2, `unknown journal action "resnd" (did you mean resend?)`},
		{[]string{"journal", "resend"}, 2, "journal resend needs the change's ID"},
		{[]string{"journal", "drop", "x"}, 2, `change ID "x": want a positive number`},
		{[]string{"journal", "drop", "1", "2"}, 2, `unexpected argument "2"`},
		{[]string{"journal", "log", "1", "--store", "demo-cscart"}, 2, "--store goes with the list and reconcile"},
		{[]string{"journal", "reconcile", "--json"}, 2, "--json goes with the list and log"},
		{[]string{"journal", "--limit", "-1"}, 2, "--limit must be 0 or more"},
		{[]string{"journal", "resend", "7"}, 1, "change 7: no such change in the journal"},
		{[]string{"journal", "reconcile", "--store", "nope"}, 1, `unknown store "nope"`},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := sb.demo(tc.args...)
			mustCode(t, r, tc.code)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
			if tc.code == 1 {
				oneLine(t, r, tc.want)
			}
		})
	}
	r := sb.demo("journal")
	mustCode(t, r, 0)
	if !strings.HasPrefix(r.stdout, "no changes in the journal ("+sb.demoDB()+")") {
		t.Errorf("empty journal: %s", r)
	}
	if r := sb.demo("journal", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("empty journal JSON: %s", r)
	}
}

// --data-dir, then [storage] path, then the XDG data folder: info shows
// the result and whether it opens.
func TestDatabasePath(t *testing.T) {
	sb := newSandbox(t)
	cfg := sb.writeConfig("[storage]\npath = \"db/od.db\"\n", 0o600)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"info"}, sb.realDB() + " (no database yet)"},
		{[]string{"info", "--config", cfg}, filepath.Join(sb.home, "db", "od.db") + " (no database yet)"},
		{[]string{"info", "--config", cfg, "--data-dir", sb.home + "/dd"}, filepath.Join(sb.home, "dd", storage.FileName)},
	}
	for _, tc := range tests {
		r := sb.run(tc.args...)
		mustCode(t, r, 0)
		if !strings.Contains(r.stdout, "database     "+tc.want) {
			t.Errorf("%q: want database %s:\n%s", tc.args, tc.want, r.stdout)
		}
	}
}
