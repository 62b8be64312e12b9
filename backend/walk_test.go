package backend

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func rows(n int) []Order { return make([]Order, n) }

func TestWalk(t *testing.T) {
	type step struct {
		cursor string
		p      Page
	}
	cases := []struct {
		name  string
		steps []step
		want  string // in the error of the last step; "" for none
	}{
		{"a list that ends", []step{
			{"", Page{Orders: rows(2), Next: "B", Total: 3}},
			{"B", Page{Orders: rows(1), Total: 3}},
		}, ""},
		{"A→B→A", []step{
			{"", Page{Orders: rows(2), Next: "A", Total: -1}},
			{"A", Page{Orders: rows(2), Next: "B", Total: -1}},
			{"B", Page{Orders: rows(2), Next: "A", Total: -1}},
		}, "the store's next-page cursor leads back to page 2 (a cursor loop); the list ends at page 3"},
		{"back to the first page", []step{
			{"", Page{Orders: rows(2), Next: "A", Total: -1}},
			{"A", Page{Orders: rows(2), Next: "", Total: -1}},
		}, ""},
		{"a page that names itself", []step{
			{"", Page{Orders: rows(2), Next: "A", Total: -1}},
			{"A", Page{Orders: rows(2), Next: "A", Total: -1}},
		}, "leads back to page 2"},
		{"more pages than the count fills", []step{
			{"", Page{Orders: rows(2), Next: "p2", Total: 4}},
			{"p2", Page{Orders: rows(2), Next: "p3", Total: 4}},
			{"p3", Page{Orders: rows(2), Next: "p4", Total: 4}},
			{"p4", Page{Orders: rows(2), Next: "p5", Total: 4}},
		}, "the store offers a page 5, past the 4 orders it counts; the list ends at page 4"},
		{"a count near MaxInt does not wrap", []step{
			{"", Page{Orders: rows(2), Next: "p2", Total: int(^uint(0) >> 1)}},
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := NewWalk("")
			var err error
			for i, s := range tc.steps {
				err = w.Add(s.cursor, s.p)
				if err != nil && i < len(tc.steps)-1 {
					t.Fatalf("step %d: %v", i+1, err)
				}
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrMalformed)):
				t.Fatalf("got %v, want a malformed-answer error holding %q", err, tc.want)
			}
		})
	}
}

// A store whose cursors never run out and which counts nothing is
// stopped at MaxWalk pages.
func TestWalkHardCap(t *testing.T) {
	w := NewWalk("")
	cursor := ""
	for i := 1; ; i++ {
		next := "c" + strconv.Itoa(i)
		err := w.Add(cursor, Page{Orders: rows(1), Next: next, Total: -1})
		if err != nil {
			if w.Pages() != MaxWalk || !strings.Contains(err.Error(), "past 10000 pages") {
				t.Fatalf("stopped at page %d: %v", w.Pages(), err)
			}
			return
		}
		if i > MaxWalk {
			t.Fatal("no bound")
		}
		cursor = next
	}
}
