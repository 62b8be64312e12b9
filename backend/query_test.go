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
	}
	for _, c := range cases {
		if page, ok := PageNumber(c.cursor); page != c.page || ok != c.ok {
			t.Errorf("PageNumber(%q) = %d, %v; want %d, %v", c.cursor, page, ok, c.page, c.ok)
		}
	}
}
