package backend

import (
	"fmt"
	"hash/maphash"
)

// MaxWalk is the most pages one walk through a list reads, whatever the
// store says: far more than anyone pages through, few enough that a
// store whose cursors never run out cannot page forever.
const MaxWalk = 10_000

// Walk follows one list page after page and stops it where following
// Page.Next would go round in circles (a cursor that leads back to a page
// already read: A→B→A) or past every order the store counts. The cmd's
// --page walk and the dashboard's feeds each keep one per list.
//
// It keeps a 64-bit hash of each cursor, not the cursor, so a store's
// long cursors cost eight bytes a page.
type Walk struct {
	store string
	seed  maphash.Seed
	seen  map[uint64]int // cursor hash -> the page (1-based) it fetched
	pages int
	size  int // rows of the largest page so far: the page size in effect
}

// NewWalk starts a walk through a list of store (its name, for errors;
// "" where the caller names the store itself) at the first page.
func NewWalk(store string) *Walk {
	return &Walk{store: store, seed: maphash.MakeSeed(), seen: map[uint64]int{}}
}

// Pages is how many pages the walk has read.
func (w *Walk) Pages() int { return w.pages }

// Add records page p, fetched with cursor, and says whether p.Next may be
// followed: nil when it may (or when p is the last page), else a
// *Error of KindMalformed saying why the list ends here.
func (w *Walk) Add(cursor string, p Page) error {
	w.pages++
	w.size = max(w.size, len(p.Orders))
	h := maphash.String(w.seed, cursor)
	if _, ok := w.seen[h]; !ok {
		w.seen[h] = w.pages
	}
	if p.Next == "" {
		return nil
	}
	if at, ok := w.seen[maphash.String(w.seed, p.Next)]; ok {
		return w.fail(fmt.Sprintf("the store's next-page cursor leads back to page %d (a cursor loop); the list ends at page %d", at, w.pages))
	}
	if limit := w.limit(p.Total); w.pages >= limit {
		if limit < MaxWalk {
			return w.fail(fmt.Sprintf("the store offers a page %d, past the %d orders it counts; the list ends at page %d", w.pages+1, p.Total, w.pages))
		}
		return w.fail(fmt.Sprintf("the list goes on past %d pages; orderdash reads no further in one go", MaxWalk))
	}
	return nil
}

// limit is the most pages the walk reads: the pages the store's count
// fills, plus one for orders that arrive meanwhile, and never more than
// MaxWalk.
func (w *Walk) limit(total int) int {
	if total < 0 || w.size == 0 {
		return MaxWalk
	}
	return min(MaxWalk, total/w.size+2) // ≥ ceil(total/size)+1, and total+size cannot wrap
}

func (w *Walk) fail(msg string) *Error {
	return &Error{Kind: KindMalformed, Store: w.store, Op: "list orders", Message: msg}
}
