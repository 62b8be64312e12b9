package storage

import "github.com/orderdash/orderdash/backend"

// What another mirror (pgstore) shares of this one's ordering, so a view
// reads in the same order on either database.

// SortColumns is a view's key as columns: pre, then store, then post,
// then id (the mirror's column names).
func SortColumns(v backend.View) (pre, post []string) {
	s := specOf(v)
	return s.pre, s.post
}

// KeysUp reports whether a view's first rows have the smallest keys.
func KeysUp(v backend.View) bool { return keysUp(v) }

// SortRows puts rows in a view's order, ascending keys when up.
func SortRows(rows []backend.Order, v backend.View, up bool) { sortRows(rows, v, up) }

// Dedupe drops blank and repeated values of a view's filter.
func Dedupe[T ~string](vals []T) []T { return dedupe(vals) }

// DecodeOrder reads a mirror row's JSON (its data column).
func DecodeOrder(data []byte, detailed bool) (backend.Order, error) {
	return decodeOrder(data, detailed)
}
