package backendtest

import (
	"bytes"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// Flood is an answer of about size bytes: head, then {"<key>":N} objects
// separated by commas, then tail; a list far past any bound.
func Flood(head, key, tail string, size int) []byte {
	return flood(head, key, tail, size, false)
}

// FloodMembers is Flood with each object a member "N":{"<key>":N}, the
// shape of a PHP associative array sent where a list is expected.
func FloodMembers(head, key, tail string, size int) []byte {
	return flood(head, key, tail, size, true)
}

func flood(head, key, tail string, size int, members bool) []byte {
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(head)
	for i := 1; b.Len() < size-len(tail)-32; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		if members {
			b.WriteString(`"` + strconv.Itoa(i) + `":`)
		}
		b.WriteString(`{"` + key + `":` + strconv.Itoa(i) + `}`)
	}
	b.WriteString(tail)
	return b.Bytes()
}

// ReadWithinBound runs read, which reads body (an answer holding one
// what: "page", "order"), and fails t when it allocated more than
// AllocBound(len(body)).
func ReadWithinBound(t testing.TB, what string, body []byte, read func()) {
	t.Helper()
	n := Allocated(read)
	if limit := AllocBound(len(body)); n > limit {
		t.Errorf("reading a %d-byte %s allocated %d bytes, more than %d", len(body), what, n, limit)
	}
	t.Logf("a %d-byte %s: %d bytes allocated (%.1f×)", len(body), what, n, float64(n)/float64(len(body)))
}

// CheckFloodedPage runs list, which asks for a page of 50 orders and gets
// body, a Flood of {"<key>" objects. It fails t unless the page is refused
// as malformed in one short line, by a *wire.TooManyError that counts
// every order sent, within ReadWithinBound.
func CheckFloodedPage(t testing.TB, body []byte, key string, list func() error) {
	t.Helper()
	var err error
	ReadWithinBound(t, "page", body, func() { err = list() })
	var tm *wire.TooManyError
	if !errors.As(err, &tm) || !errors.Is(err, backend.ErrMalformed) {
		t.Fatalf("List = %v, want a malformed answer with too many orders", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "orders for a page of 50; orderdash reads at most 60") || strings.Contains(msg, "\n") || len(msg) > 300 {
		t.Errorf("error %q: want one line saying how many orders came and how many are read", msg)
	}
	if sent := bytes.Count(body, []byte(`{"`+key+`"`)); tm.Sent != sent {
		t.Errorf("Sent = %d, want the page's %d", tm.Sent, sent)
	}
}

// The most bytes a one-line and a multi-line text field may hold: the
// bound and the "…" that marks a cut.
const (
	LineMax = backend.MaxFieldLine + len("…")
	TextMax = backend.MaxFieldText + len("…")
)

// CheckBounded fails t for every field, by name, that is empty (it was
// sent, so it must be kept, cut) or longer than max bytes.
func CheckBounded(t testing.TB, max int, fields map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if v := fields[name]; len(v) == 0 || len(v) > max {
			t.Errorf("%s: %d bytes, want 1 to %d", name, len(v), max)
		}
	}
}
