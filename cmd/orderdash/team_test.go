package main

import (
	"context"
	"crypto/rand"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
)

// teamURL is a fresh schema on the test server, with a password in the
// URL (trust auth ignores it) that must never be shown. It skips when
// the server does not answer, unless ORDERDASH_TEST_POSTGRES_REQUIRED=1.
func teamURL(t *testing.T, password string) string {
	t.Helper()
	base := os.Getenv("ORDERDASH_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv("ORDERDASH_TEST_POSTGRES_REQUIRED") == "1" {
			t.Fatalf("PostgreSQL required but it does not answer: %v", err)
		}
		t.Skipf("*** PostgreSQL does not answer (%v): team-mode test SKIPPED ***", err)
	}
	defer c.Close(ctx)
	schema := "odcmd_" + strings.ToLower(rand.Text()[:10])
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	url := strings.Replace(base, "postgres@", "postgres:"+password+"@", 1)
	return url + "&search_path=" + schema
}

func TestTeamDatabaseCommands(t *testing.T) {
	const pw = "Pa55-w0rd-x"
	sb := newSandbox(t)
	url := teamURL(t, pw)
	cfg := sb.writeConfig("[storage]\nurl = \""+url+"\"\n", 0o600)
	noSecret := func(r result) {
		t.Helper()
		if strings.Contains(r.stdout+r.stderr, pw) {
			t.Fatalf("the password is shown:\n%s", r)
		}
	}

	r := sb.run("--config", cfg, "info")
	mustCode(t, r, 0)
	noSecret(r)
	if !strings.Contains(r.stdout, "team database  PostgreSQL 127.0.0.1:5432/test (user postgres): reachable, no schema yet") {
		t.Errorf("info:\n%s", r)
	}
	r = sb.run("--config", cfg, "db", "migrate")
	mustCode(t, r, 0)
	noSecret(r)
	if !strings.Contains(r.stdout, "schema 0 → 2 (applied 1, 2)") {
		t.Errorf("db migrate:\n%s", r)
	}
	r = sb.run("--config", cfg, "db", "migrate")
	if !strings.Contains(r.stdout, "schema 2, up to date") {
		t.Errorf("db migrate again:\n%s", r)
	}
	r = sb.run("--config", cfg, "check")
	mustCode(t, r, 0)
	noSecret(r)
	if !strings.Contains(r.stdout, "database  ok (journal, local history, Kornit X inbox, mirror): PostgreSQL 127.0.0.1:5432/test (user postgres): reachable, schema 2") {
		t.Errorf("check:\n%s", r)
	}
	r = sb.run("--config", cfg, "journal")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "no changes in the journal (PostgreSQL 127.0.0.1:5432/test (user postgres))") {
		t.Errorf("journal:\n%s", r)
	}
	r = sb.run("--config", cfg, "db")
	mustCode(t, r, 2)

	// A server that does not answer: check fails in one line, info says so.
	down := sb.writeConfig("[storage]\nurl = \"postgres://ann:"+pw+"@127.0.0.1:1/orders?connect_timeout=2\"\n", 0o600)
	r = sb.run("--config", down, "check")
	mustCode(t, r, 1)
	noSecret(r)
	if !strings.Contains(r.stdout, "database  FAIL (journal, local history, Kornit X inbox, mirror): PostgreSQL 127.0.0.1:1/orders (user ann): not reachable") ||
		!strings.Contains(r.stderr, "the database server does not answer") {
		t.Errorf("check against a server that is down:\n%s", r)
	}
	r = sb.run("--config", down, "info")
	mustCode(t, r, 0)
	noSecret(r)
	r = sb.run("--config", down, "journal")
	mustCode(t, r, 1)
	noSecret(r)
	if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines != 0 {
		t.Errorf("journal with the server down: want one line:\n%s", r)
	}
}

// info in team mode says what is true: the team database with what it
// holds, and no SQLite database line (nothing is kept there) unless a
// file is left over, which is said to be unused.
func TestInfoTeamMode(t *testing.T) {
	ctx := context.Background()
	sb := newSandbox(t)
	url := teamURL(t, "")
	cfg := sb.writeConfig("[storage]\nurl = \""+url+"\"\n", 0o600)
	mustCode(t, sb.run("--config", cfg, "db", "migrate"), 0)
	st, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ch := backend.Change{Store: "KX", OrderID: "1", To: backend.Status{Code: "8", Name: "Dispatched"}}
	if err := st.Journal("ann").Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}

	r := sb.run("--config", cfg, "info")
	mustCode(t, r, 0)
	want := "team database  PostgreSQL 127.0.0.1:5432/test (user postgres): reachable, schema 2, 1 change, 1 open, 0 Kornit X orders (journal, local history, Kornit X inbox, mirror)"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("info: want %q in\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "\ndatabase ") || strings.Contains(r.stdout, sb.realDB()) {
		t.Errorf("info names a SQLite database team mode does not use:\n%s", r.stdout)
	}
	if _, err := os.Stat(sb.realDB()); err == nil {
		t.Fatalf("info created %s", sb.realDB())
	}

	// A file left from before team mode: named, as unused.
	db, err := storage.Open(ctx, sb.realDB())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	r = sb.run("--config", cfg, "info")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, sb.realDB()+" (not used in team mode: schema ") {
		t.Errorf("info does not say the left-over file is unused:\n%s", r.stdout)
	}
}
