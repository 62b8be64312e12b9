package sim

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type testState struct {
	Version int               `json:"version"`
	Values  map[string]string `json:"values"`
}

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	var got testState
	found, err := LoadState(path, &got)
	if found || err != nil {
		t.Fatalf("missing file: found %v, err %v", found, err)
	}
	want := testState{Version: 1, Values: map[string]string{"1001": "P", "名": "✓"}}
	if err := SaveState(path, want); err != nil {
		t.Fatal(err)
	}
	want.Values["1002"] = "C"
	if err := SaveState(path, want); err != nil {
		t.Fatal(err)
	}
	found, err = LoadState(path, &got)
	if !found || err != nil {
		t.Fatalf("found %v, err %v", found, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestStateCorrupt(t *testing.T) {
	tests := map[string]string{
		"not json":      "{not json",
		"truncated":     `{"version":1,"values":{"1001":`,
		"empty":         "",
		"wrong type":    `{"version":"one"}`,
		"unknown field": `{"version":1,"colour":"red"}`,
		"trailing data": `{"version":1} {"version":2}`,
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			var st testState
			_, err := LoadState(path, &st)
			if err == nil || !strings.Contains(err.Error(), "corrupt") {
				t.Fatalf("got %v, want a corrupt-file error", err)
			}
		})
	}
}

func TestStateUnwritable(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// A path under a regular file cannot be created.
	if err := SaveState(filepath.Join(blocker, "state.json"), testState{}); err == nil {
		t.Fatal("want an error saving under a regular file")
	}
	if err := SaveState(filepath.Join(dir, "x.json"), map[string]any{"f": func() {}}); err == nil {
		t.Fatal("want an error encoding a func")
	}
}
