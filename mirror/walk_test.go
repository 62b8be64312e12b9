package mirror

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// endless is a store whose list never ends: every page has a next one
// (or, with loop, the third page leads back to the second). Each page
// holds size orders, the same ids every page (so the mirror stays small
// while the walk goes on), with notes of noteSize bytes.
type endless struct {
	backend.Backend // nil: only Name, Capabilities and List are called
	idFrom          bool
	size, noteSize  int
	loop            bool
	lists           int
	onList          func(n int)
	now             time.Time
}

func (e *endless) Name() string { return "endless" }

func (e *endless) Capabilities() backend.Capabilities {
	return backend.Capabilities{UpdatedSince: !e.idFrom, IDFrom: e.idFrom, MaxPageSize: e.size, Cursor: true}
}

func (e *endless) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	e.lists++
	if e.onList != nil {
		e.onList(e.lists)
	}
	page := backend.Page{Total: -1}
	note := strings.Repeat(strconv.Itoa(e.lists%10), e.noteSize) // new text every page: no sharing
	for i := range e.size {
		id := strconv.Itoa(i + 1)
		at := e.now.Add(-time.Duration(i) * time.Minute)
		page.Orders = append(page.Orders, backend.Order{ID: id, Number: id, Created: at, Updated: at, Notes: note,
			Status: backend.Status{Code: "1", Name: "Pending", Kind: backend.KindPending}})
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(q.Cursor, "c"))
	page.Next = "c" + strconv.Itoa(n+1)
	if e.loop && n == 2 {
		page.Next = "c1"
	}
	return page, nil
}

func openTestDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), storage.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testOptions(now time.Time) Options {
	return Options{Now: func() time.Time { return now }, SyncDays: 30, Keep: 365 * 24 * time.Hour}
}

// A list that never ends ends the pass after maxPassPages pages, with the
// pages read saved and an error that says so; the next pass reads on from
// there, as far again. The same for a platform read by id.
func TestEndlessWalkEndsThePass(t *testing.T) {
	defer func(n int) { maxPassPages = n }(maxPassPages)
	maxPassPages = 40
	for _, idFrom := range []bool{false, true} {
		t.Run("idFrom="+strconv.FormatBool(idFrom), func(t *testing.T) {
			now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
			db := openTestDB(t)
			e := &endless{size: 5, now: now, idFrom: idFrom}
			for pass := 1; pass <= 2; pass++ {
				r := Sync(context.Background(), db, e, testOptions(now))
				if !errors.Is(r.Err, backend.ErrMalformed) || !strings.Contains(r.Err.Error(), "past 40 pages") {
					t.Fatalf("pass %d: %v", pass, r.Err)
				}
				if e.lists != 40*pass || r.Requests != 40 {
					t.Errorf("pass %d: %d lists in all, %d this pass; want 40 a pass", pass, e.lists, r.Requests)
				}
			}
			if !idFrom {
				st, err := db.SyncState(context.Background(), "endless")
				if err != nil || st.Pass.Cursor != "c80" || st.Pass.Done != 80*5 {
					t.Errorf("the saved pass: %+v %v", st.Pass, err)
				}
			}
		})
	}
}

// A list whose cursors go round in circles ends the pass at once.
func TestCursorLoopEndsThePass(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	db := openTestDB(t)
	e := &endless{size: 5, now: now, loop: true}
	r := Sync(context.Background(), db, e, testOptions(now))
	if !errors.Is(r.Err, backend.ErrMalformed) || !strings.Contains(r.Err.Error(), "cursor loop") || e.lists != 3 {
		t.Errorf("after %d lists: %v", e.lists, r.Err)
	}
}

// A long walk does not grow the sync's memory: each page is saved and let
// go as it comes. 60 pages of 250 orders with 2 KB notes pass through
// (30 MB); the live heap after page 60 must be within a few MB of what it
// was after page 10.
func TestLongWalkKeepsMemoryFlat(t *testing.T) {
	defer func(n int) { maxPassPages = n }(maxPassPages)
	maxPassPages = 60
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	db := openTestDB(t)
	heap := map[int]uint64{}
	e := &endless{size: 250, noteSize: 2 << 10, now: now}
	e.onList = func(n int) {
		if n == 10 || n == 60 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			heap[n] = m.HeapAlloc
		}
	}
	r := Sync(context.Background(), db, e, testOptions(now))
	if !errors.Is(r.Err, backend.ErrMalformed) || r.Requests != 60 {
		t.Fatalf("%d requests: %v", r.Requests, r.Err)
	}
	grew := int64(heap[60]) - int64(heap[10])
	t.Logf("live heap after page 10: %d KB, after page 60: %d KB", heap[10]>>10, heap[60]>>10)
	if grew > 8<<20 {
		t.Errorf("the live heap grew by %d MB over 50 pages of 0.5 MB: pages are kept", grew>>20)
	}
}
