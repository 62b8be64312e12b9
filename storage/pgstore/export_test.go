package pgstore

import "testing"

// NewTestSchema is newSchema for the package's external tests.
func NewTestSchema(t testing.TB) (url, schema string) { return newSchema(t) }
