package pgstore

import "testing"

// NewTestSchema is newSchema for the package's external tests.
func NewTestSchema(t testing.TB) (url, schema string) { return newSchema(t) }

// LateRare is lateRare for the contract suite (storagetest.Features).
var LateRare = &lateRare
