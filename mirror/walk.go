package mirror

import (
	"fmt"

	"github.com/orderdash/orderdash/backend"
)

// maxPassPages bounds the pages one pass reads (tests lower it). A store
// with more orders than that in one window is read on by the next pass,
// from the page this one saved.
var maxPassPages = backend.MaxWalk

// passWalk guards one pass's walk through a list. A store whose cursors
// go round in circles (A→B→A) or never run out ends the pass with an
// error once the pages read are saved, instead of holding the sync (and
// the store's request budget) forever. Memory stays flat however long the
// walk: each page is saved as it comes, and the walk keeps eight bytes a
// page.
type passWalk struct {
	store string
	walk  *backend.Walk
	pages int
}

func newPassWalk(store string) *passWalk {
	return &passWalk{store: store, walk: backend.NewWalk(store)}
}

// add records page, fetched with cursor, and says whether its Next may be
// followed: nil when it may (or when it is the last page).
func (w *passWalk) add(cursor string, page backend.Page) error {
	w.pages++
	// Orders that arrive during a pass lengthen it (newest first, they
	// push the rest to later pages): the store's count is no bound here.
	page.Total = -1
	if err := w.walk.Add(cursor, page); err != nil {
		return err
	}
	if page.Next != "" && w.pages >= maxPassPages {
		return &backend.Error{Kind: backend.KindMalformed, Store: w.store, Op: "list orders",
			Message: fmt.Sprintf("the list goes on past %d pages; the next pass reads on from here", maxPassPages)}
	}
	return nil
}
