package ui

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// feed is one store's list for one query, as the platform pages it: the
// pages loaded so far, in order, and the cursor of the next. Rows only
// ever append, except when a page is refreshed in place.
type feed struct {
	id    int64
	store int
	query backend.Query // without Cursor
	// tab names the list in the order cache: "all", or the status filter
	// the store applies.
	tab string

	pages []feedPage
	rows  []*order
	where map[string]int // order id -> index of its page

	next    string // Cursor of the next page
	started bool   // the first page has been asked for
	done    bool   // the last page is loaded
	loading int64  // request id of the next-page fetch in flight, 0 when none
	// refreshing maps a page index to the request refreshing it.
	refreshing map[int]int64
	err        error // why the last next-page fetch failed
	// walk guards the pages loaded against a store whose cursors loop or
	// never run out; nil until the first page.
	walk *backend.Walk
	// resetting is set while the first page is fetched again to replace
	// every loaded page (R); the old rows stay on screen until it lands.
	resetting bool
	total     int // orders matching, -1 when the platform does not say
}

type feedPage struct {
	cursor  string // the Cursor that fetched it
	number  int    // 1-based page number
	start   int    // index of its first row in feed.rows
	orders  []*order
	fetched time.Time
	// cached: the page came from the order cache, not from the store: it
	// is as old as fetched says.
	cached bool
	// sig and saved are what was last written to the cache for the page,
	// so a refresh that changed nothing does not write it again.
	sig   uint64
	saved time.Time
}

func newFeed(id int64, store int, q backend.Query) *feed {
	return &feed{id: id, store: store, query: q, tab: cacheTab(q), where: map[string]int{}, refreshing: map[int]int64{}, total: -1}
}

// cacheTab is the name a feed's pages are cached under: the same query
// finds the same pages at the next start.
func cacheTab(q backend.Query) string {
	if len(q.Statuses) == 0 {
		return "all"
	}
	codes := append([]string(nil), q.Statuses...)
	sort.Strings(codes)
	return "status=" + strings.Join(codes, ",")
}

// append adds the next page, or, while resetting, replaces every page.
func (f *feed) append(cursor string, p backend.Page, rows []*order, at time.Time, cached bool) {
	if f.resetting {
		f.resetting = false
		f.pages = nil
		f.rows = nil
		f.where = map[string]int{}
		f.refreshing = map[int]int64{}
		f.total = -1
		f.walk = nil
	}
	if f.walk == nil {
		f.walk = backend.NewWalk("") // the screen names the store
	}
	num := p.Number
	if num <= 0 {
		num = len(f.pages) + 1
	}
	f.pages = append(f.pages, feedPage{cursor: cursor, number: num, orders: rows, fetched: at, cached: cached})
	f.next = p.Next
	f.done = p.Next == ""
	if err := f.walk.Add(cursor, p); err != nil {
		// The page's rows are good; the list just goes no further.
		f.next, f.done, f.err = "", true, err
	}
	if p.Total >= 0 {
		f.total = p.Total
	}
	// Appending touches only the new page, so loading page 400 costs what
	// loading page 1 did.
	i := len(f.pages) - 1
	f.pages[i].start = len(f.rows)
	for _, r := range rows {
		if _, dup := f.where[r.key.id]; dup {
			continue
		}
		f.where[r.key.id] = i
		f.rows = append(f.rows, r)
	}
}

// replace swaps the rows of a refreshed page.
func (f *feed) replace(i int, p backend.Page, rows []*order, at time.Time) {
	if i < 0 || i >= len(f.pages) {
		return
	}
	f.pages[i].orders = rows
	f.pages[i].fetched = at
	f.pages[i].cached = false
	if i == len(f.pages)-1 {
		f.next = p.Next
		f.done = p.Next == ""
	}
	if p.Total >= 0 {
		f.total = p.Total
	}
	f.rebuild()
}

// rebuild concatenates the pages, dropping an order a later page repeats
// (orders shift between pages while new ones arrive).
func (f *feed) rebuild() {
	n := 0
	for _, p := range f.pages {
		n += len(p.orders)
	}
	rows := make([]*order, 0, n)
	where := make(map[string]int, n)
	for i := range f.pages {
		f.pages[i].start = len(rows)
		for _, r := range f.pages[i].orders {
			if _, dup := where[r.key.id]; dup {
				continue
			}
			where[r.key.id] = i
			rows = append(rows, r)
		}
	}
	f.rows, f.where = rows, where
}

// pageAt returns the index of the page holding row i.
func (f *feed) pageAt(i int) int {
	if len(f.pages) == 0 {
		return -1
	}
	return sort.Search(len(f.pages), func(p int) bool { return f.pages[p].start > i }) - 1
}

// wantsNext reports whether the next page should be fetched now that the
// operator is at row i: as soon as they enter the last loaded page, so it
// is there before they reach it.
func (f *feed) wantsNext(i int) bool {
	if f.done || f.loading != 0 || f.err != nil {
		return false
	}
	if !f.started {
		return true
	}
	if len(f.pages) == 0 {
		return false
	}
	return i >= f.pages[len(f.pages)-1].start
}

// count is what a tab shows: the platform's total, or what is loaded with
// a "+" while there is more.
func (f *feed) count() (n int, exact bool) {
	if f.total >= 0 {
		return f.total, true
	}
	return len(f.rows), f.done
}

// oldest is the creation time of the last loaded row.
func (f *feed) oldest() time.Time {
	if len(f.rows) == 0 {
		return time.Time{}
	}
	return f.rows[len(f.rows)-1].disp.created
}

// cachedSince is the fetch time of the oldest cached page the feed shows;
// ok is false when every page came from the store.
func (f *feed) cachedSince() (at time.Time, ok bool) {
	for _, p := range f.pages {
		if p.cached && (!ok || p.fetched.Before(at)) {
			at, ok = p.fetched, true
		}
	}
	return at, ok
}

// hasCached reports whether any page shown came from the cache.
func (f *feed) hasCached() bool {
	_, ok := f.cachedSince()
	return ok
}

// pageSig sums up what a page shows, to tell whether a refresh changed it.
func pageSig(p backend.Page) uint64 {
	h := fnv.New64a()
	for _, o := range p.Orders {
		h.Write([]byte(o.ID))
		h.Write([]byte{0})
		h.Write([]byte(o.Status.Code))
		h.Write([]byte{0})
		h.Write([]byte(strconv.FormatInt(o.Updated.UnixNano(), 36)))
		h.Write([]byte{0})
	}
	h.Write([]byte(p.Next))
	h.Write([]byte(strconv.Itoa(p.Total)))
	return h.Sum64()
}
