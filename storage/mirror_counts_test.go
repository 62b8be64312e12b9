package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// checkCounts fails unless mirror_counts is exactly the mirror grouped by
// (store, status, kind, open): no count off by one, no row left at zero.
func checkCounts(t *testing.T, db *DB, when string) {
	t.Helper()
	read := func(q string) []string {
		rows, err := db.r.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var store, status, kind string
			var open, n int
			if err := rows.Scan(&store, &status, &kind, &open, &n); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s/%s/%s/%d=%d", store, status, kind, open, n))
		}
		return out
	}
	want := read(`SELECT store, status, kind, final_since = 0, count(*) FROM mirror GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
	got := read(`SELECT store, status, kind, open, n FROM mirror_counts ORDER BY 1, 2, 3, 4`)
	if !slices.Equal(got, want) {
		t.Errorf("%s: counts %v\nrows say %v", when, got, want)
	}
}

func TestMirrorCountsStayExact(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	all := mirrorOrders([]string{"Alpha", "Beta"}, 200, 11)
	for s, orders := range all {
		for i := range orders {
			orders[i].Updated = t0 // final ones are prunable before t0+1h
		}
		if _, err := db.SaveSync(ctx, SyncState{Store: s}, orders); err != nil {
			t.Fatal(err)
		}
	}
	checkCounts(t, db, "after insert")
	if n, _ := db.Count(ctx, backend.View{}); n != 400 {
		t.Errorf("count after insert: %d, want 400", n)
	}

	// Newer copies with other statuses move counts between keys; a copy
	// with the same status moves nothing.
	moved := slices.Clone(all["Alpha"][:50])
	for i := range moved {
		moved[i].Updated = t0.Add(time.Minute)
		moved[i].Status = mirrorStatuses[(i+1)%len(mirrorStatuses)]
	}
	if _, err := db.SaveSync(ctx, SyncState{Store: "Alpha"}, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MirrorPut(ctx, all["Beta"][:20]); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db, "after update")

	// A confirmed change patches the status in place.
	o := all["Beta"][0]
	for _, to := range []backend.Status{fake.Shipped, fake.Open} {
		err := db.writeTx(ctx, "patch", func(tx *sql.Tx) error {
			return patchMirrorStatus(ctx, tx, "Beta", o.ID, backend.Order{Status: to}, t0)
		})
		if err != nil {
			t.Fatal(err)
		}
		checkCounts(t, db, "after patch to "+to.Code)
	}

	if err := db.MirrorForget(ctx, "Beta", all["Beta"][1].ID); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db, "after forget")
	if n, err := db.PruneMirror(ctx, "Alpha", t0.Add(time.Hour)); err != nil || n == 0 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	checkCounts(t, db, "after prune")
	var left int
	db.r.QueryRow(`SELECT count(*) FROM mirror_counts WHERE store = 'Alpha' AND open = 0`).Scan(&left)
	if left != 0 {
		t.Errorf("%d final counts of Alpha left after pruning every final order", left)
	}

	if err := db.ResetMirror(ctx); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db, "after reset")
	if n, _ := db.Count(ctx, backend.View{}); n != 0 {
		t.Errorf("count after reset: %d", n)
	}
	// The triggers are back after a reset.
	if _, err := db.SaveSync(ctx, SyncState{Store: "Beta"}, all["Beta"]); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db, "after a fill following the reset")
	if n, _ := db.Count(ctx, backend.View{}); n != 200 {
		t.Errorf("count after refill: %d, want 200", n)
	}
}

// A write that fails half way rolls the counts back with the rows.
func TestMirrorCountsRollBack(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	good := mirrorOrders([]string{"S"}, 30, 5)["S"]
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, good[:10]); err != nil {
		t.Fatal(err)
	}
	bad := append(slices.Clone(good[10:]), backend.Order{Store: "S"}) // no id: fails after 20 rows
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, bad); err == nil {
		t.Fatal("an order without an id was saved")
	}
	checkCounts(t, db, "after a failed write")
	if n, _ := db.Count(ctx, backend.View{}); n != 10 {
		t.Errorf("count after a failed write: %d, want 10", n)
	}
}

// A process killed inside a write leaves counts that match the rows.
func TestMirrorCountsSurviveCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := openAt(t, path)
	orders := mirrorOrders([]string{"S"}, 40, 6)["S"]
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, orders[:20]); err != nil {
		t.Fatal(err)
	}
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCountsCrash$")
	cmd.Env = append(os.Environ(), "ORDERDASH_COUNTS_DB="+path)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("the child did not die inside its write: %v\n%s", err, out)
	}
	db = openAt(t, path)
	checkCounts(t, db, "after the crash")
	if n, _ := db.Count(ctx, backend.View{}); n != 20 {
		t.Errorf("count after the crash: %d, want 20", n)
	}
}

// TestHelperCountsCrash is the child of TestMirrorCountsSurviveCrash: it
// writes and moves orders, then exits with the transaction still open.
func TestHelperCountsCrash(t *testing.T) {
	path := os.Getenv("ORDERDASH_COUNTS_DB")
	if path == "" {
		t.Skip("run by TestMirrorCountsSurviveCrash")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	orders := mirrorOrders([]string{"S"}, 40, 6)["S"]
	for i := range orders[:20] {
		orders[i].Updated = orders[i].Updated.Add(time.Hour)
		orders[i].Status = fake.Shipped
	}
	db.writeTx(ctx, "crash", func(tx *sql.Tx) error {
		if _, err := db.putOrders(ctx, tx, "S", orders, true); err != nil {
			t.Fatal(err)
		}
		os.Exit(3) // no commit, no rollback, no close
		return nil
	})
}

// The counts give what counting the rows gives, for any view they serve.
func TestCountFromTableMatchesRows(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	stores := []string{"Alpha", "Beta", "Gamma"}
	for s, orders := range mirrorOrders(stores, 300, 21) {
		if _, err := db.SaveSync(ctx, SyncState{Store: s}, orders); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(4, 4))
	pick := func(vals []string) []string {
		var out []string
		for _, v := range vals {
			if r.IntN(3) == 0 {
				out = append(out, v)
			}
		}
		if r.IntN(5) == 0 {
			out = append(out, "", "nope") // blanks are ignored, unknowns match nothing
		}
		return out
	}
	var codes, kinds []string
	for _, s := range mirrorStatuses {
		codes, kinds = append(codes, s.Code), append(kinds, string(s.Kind))
	}
	views := []backend.View{{}, {Stores: []string{"Alpha", "Alpha"}}, {Kinds: []backend.StatusKind{backend.KindOnHold}},
		{Stores: []string{"Zeta"}}, {Sort: backend.SortUpdated, Asc: true}}
	for range 200 {
		v := backend.View{Stores: pick(stores), Statuses: pick(codes)}
		for _, k := range pick(kinds) {
			v.Kinds = append(v.Kinds, backend.StatusKind(k))
		}
		views = append(views, v)
	}
	for i, v := range views {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if !countable(v) {
				t.Fatalf("view %+v not served by the counts", v)
			}
			got, err := db.Count(ctx, v)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.countRows(ctx, v)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("view %+v: counts say %d, rows %d", v, got, want)
			}
		})
	}
}

// A mirror filled by an older build gets its counts on upgrade.
func TestMirrorCountsFilledOnUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "o.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(ctx, raw, 4); err != nil {
		t.Fatal(err)
	}
	for i, st := range []backend.Status{fake.Open, fake.Open, fake.Shipped, mirrorStatuses[2]} {
		final := 0
		if st.Kind.Final() {
			final = 1
		}
		_, err := raw.Exec(`INSERT INTO mirror (store, id, id_num, number, ref, status, status_name, kind, created, updated,
			total, currency, customer, email, items, search, final_since, detailed, data, synced, checked)
			VALUES ('S', ?, 0, '', '', ?, '', ?, 0, 0, '', '', '', '', 0, '', ?, 0, '{}', 0, 0)`,
			fmt.Sprint(i), st.Code, string(st.Kind), final)
		if err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db := openAt(t, path)
	checkCounts(t, db, "after the upgrade")
	if n, _ := db.Count(ctx, backend.View{Statuses: []string{fake.Open.Code}}); n != 2 {
		t.Errorf("open orders after the upgrade: %d, want 2", n)
	}
}
