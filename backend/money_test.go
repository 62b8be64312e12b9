package backend

import "testing"

func TestAmount(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"17.9", "17.90"},
		{"17.90", "17.90"},
		{"5", "5.00"},
		{"5.", "5.00"},
		{"-3.5", "-3.50"},
		{"0.125", "0.125"},
		{"", ""},
		{" 12.3 ", "12.30"},
		{"1e3", "1e3"},
		{"n/a", "n/a"},
		{"1.2.3", "1.2.3"},
		{"\x1b[31m9.5", "9.50"},
	} {
		if got := Amount(tc.in); got != tc.want {
			t.Errorf("Amount(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
