package backend

import "testing"

func TestPageNumber(t *testing.T) {
	cases := []struct {
		cursor string
		page   int
		ok     bool
	}{
		{"", 1, true},
		{"1", 1, true},
		{"12", 12, true},
		{"0", 0, false},
		{"-2", 0, false},
		{"2.5", 0, false},
		{" 2", 0, false},
		{"abc", 0, false},
		{"99999999999999999999", 0, false},
		{"1000000", MaxPage, true},
		{"1000001", 0, false},
		{"9223372036854775807", 0, false}, // would wrap to a negative offset
	}
	for _, c := range cases {
		if page, ok := PageNumber(c.cursor); page != c.page || ok != c.ok {
			t.Errorf("PageNumber(%q) = %d, %v; want %d, %v", c.cursor, page, ok, c.page, c.ok)
		}
	}
}

func TestNextPage(t *testing.T) {
	cases := map[int]string{1: "2", 41: "42", MaxPage - 1: "1000000", MaxPage: "", MaxPage + 5: ""}
	for page, want := range cases {
		if got := NextPage(page); got != want {
			t.Errorf("NextPage(%d) = %q, want %q", page, got, want)
		}
	}
}
