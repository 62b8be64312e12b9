package backend

import (
	"strconv"
	"time"
)

// SortField names what a list is ordered by. Not every platform sorts by
// every field; Capabilities.Sorts says which it does.
type SortField string

const (
	SortCreated SortField = "created"
	SortID      SortField = "id"
	SortUpdated SortField = "updated"
	SortTotal   SortField = "total"
	SortStatus  SortField = "status"
	// The mirror's further orders (View, viewsort.go).
	SortAge      SortField = "age"
	SortDue      SortField = "due"
	SortStore    SortField = "store"
	SortCustomer SortField = "customer"
)

// Query selects and orders a page of orders. Zero values mean "no filter"
// and "the platform's default".
type Query struct {
	// Statuses filters by platform status codes (any of them).
	Statuses []string
	Email    string
	// Search is a platform-specific lookup (CS-Cart vendor_ref, API2Cart
	// order ids); clients ignore it where Capabilities.Search is false.
	Search       string
	UpdatedSince time.Time
	CreatedAfter time.Time
	// IDFrom lists orders whose id is at least this (Lunasoft `id`).
	IDFrom string
	Sort   SortField
	Asc    bool // ascending; the default (false) is newest/highest first
	// PageSize is the rows wanted per page, capped at Capabilities.MaxPageSize;
	// 0 means the client's default.
	PageSize int
	// Cursor is Page.Next of the previous page: a page number for paged
	// platforms, an opaque token for cursor platforms. "" is the first page.
	Cursor string
	// SkipTotal says the caller has no use for Page.Total, so a client
	// that counts with a request of its own (API2Cart's order.count)
	// saves it; Total is then -1 where that request was saved.
	SkipTotal bool
}

// Page is one page of a list.
type Page struct {
	Orders []Order
	// Next is the Cursor that fetches the following page; "" when this is
	// the last page.
	Next string
	// Number is the 1-based page number where the platform has them, else 0.
	Number int
	// Total is the number of orders matching the query, or -1 when the
	// platform does not say.
	Total int
}

// MaxPage is the highest page number orderdash asks for: a million pages
// is far past any store's orders, and it keeps page × page size (and the
// next page number) well inside an int wherever a page becomes an offset.
const MaxPage = 1_000_000

// PageNumber reads a Cursor on a platform that pages by number: "" is
// page 1, and anything but a whole number from 1 to MaxPage is no page
// (false), an invalid request rather than a reason to start over.
func PageNumber(cursor string) (page int, ok bool) {
	if cursor == "" {
		return 1, true
	}
	n, err := strconv.Atoi(cursor)
	if err != nil || n < 1 || n > MaxPage {
		return 0, false
	}
	return n, true
}

// NextPage is the Cursor of the page after page on a platform that pages
// by number; "" past MaxPage, where a list ends.
func NextPage(page int) string {
	if page < 1 || page >= MaxPage {
		return ""
	}
	return strconv.Itoa(page + 1)
}
