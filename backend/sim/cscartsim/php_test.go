package cscartsim

import (
	"encoding/json"
	"testing"
)

func TestPHPInt(t *testing.T) {
	for in, want := range map[string]int64{
		"": 0, "0": 0, "42": 42, " 42": 42, "\t7x": 7, "-5": -5, "+5": 5, "2024-01-01": 2024, "abc": 0,
		"1e3": 1000, "1.9": 1, ".5": 0, "1700000000": 1700000000, "99999999999999999999999": 1<<63 - 1, "x12": 0,
	} {
		if got := phpInt(in); got != want {
			t.Errorf("phpInt(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestPHPEmptyJSON(t *testing.T) {
	for in, want := range map[string]bool{
		``: true, `null`: true, `false`: true, `0`: true, `0.0`: true, `""`: true, `"0"`: true, `[]`: true, `{}`: true,
		`true`: false, `1`: false, `"1"`: false, `"false"`: false, `"N"`: false, `"0.0"`: false, `[0]`: false, `{"a":1}`: false,
	} {
		if got := phpEmptyJSON(json.RawMessage(in)); got != want {
			t.Errorf("empty(%s) = %v, want %v", in, got, want)
		}
	}
}
