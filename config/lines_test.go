package config

import "testing"

func TestIndexLines(t *testing.T) {
	text := `top = 1 # comment [[stores]]
"quoted.key" = 2
a . b = 3
s = """
[[stores]]
name = "inside a string"
"""
l = '''
x = 1'''
list = [
  "]", { k = 1 },
  "[[stores]]",
]

[[stores]]
name = "first"
status_kinds = { G = "on_hold" }

[[stores]]
name = "second"

[stores.status_kinds]
P = "processing"

[themes.dark]
accent = "#fff"
`
	x := indexLines(text)
	tests := []struct {
		segs []string
		want int
	}{
		{[]string{"top"}, 1},
		{[]string{"quoted.key"}, 2},
		{[]string{"a"}, 3},
		{[]string{"a", "b"}, 3},
		{[]string{"s"}, 4},
		{[]string{"l"}, 8},
		{[]string{"list"}, 10},
		{[]string{"stores"}, 15},
		{[]string{"stores", elem(0)}, 15},
		{[]string{"stores", elem(0), "name"}, 16},
		{[]string{"stores", elem(0), "status_kinds"}, 17},
		{[]string{"stores", elem(0), "status_kinds", "G"}, 17}, // inside an inline table: its key's line
		{[]string{"stores", elem(1)}, 19},
		{[]string{"stores", elem(1), "name"}, 20},
		{[]string{"stores", elem(1), "status_kinds"}, 22},
		{[]string{"stores", elem(1), "status_kinds", "P"}, 23},
		{[]string{"stores", elem(1), "missing"}, 19},
		{[]string{"themes", "dark", "accent"}, 26},
		{[]string{"themes", "dark"}, 25},
		{[]string{"name"}, 0},
		{[]string{"x"}, 0},
	}
	for _, tc := range tests {
		if got := x.line(tc.segs...); got != tc.want {
			t.Errorf("line(%q) = %d, want %d", tc.segs, got, tc.want)
		}
	}
}

func TestSplitKey(t *testing.T) {
	tests := map[string][]string{
		"stores.timeout":            {"stores", "timeout"},
		`stores.status_kinds."a.b"`: {"stores", "status_kinds", "a.b"},
		"ui":                        {"ui"},
		"":                          nil,
	}
	for in, want := range tests {
		got := splitKey(in)
		if len(got) != len(want) {
			t.Errorf("splitKey(%q) = %q, want %q", in, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("splitKey(%q) = %q, want %q", in, got, want)
			}
		}
	}
}
