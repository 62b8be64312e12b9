package backend

import (
	"errors"
	"time"
)

// CachedPage is a page of orders as it was last fetched. The dashboard
// paints it at once, marked with its age (time.Since(Fetched)), and
// refreshes it in the background; when the store is unreachable it stays
// browsable, marked offline.
type CachedPage struct {
	Page              // Orders in the order they were listed; Next, Number, Total
	Fetched time.Time // when the page was fetched from the store
}

// ErrNotCached: the page or order has never been saved to the local
// database's cache (or its mirror).
var ErrNotCached = errors.New("not in the cache")
