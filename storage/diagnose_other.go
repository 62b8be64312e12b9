//go:build !unix

package storage

// diagnose has no owners and modes to look at outside Unix; the SQLite
// code's own explanation stands.
func diagnose(string) (why, advice string) { return "", "" }
