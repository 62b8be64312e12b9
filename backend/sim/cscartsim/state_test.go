package cscartsim

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cscart.json")
	s := start(t, Options{StateFile: path})
	id := someOrder(t, s, "I")
	if code, _ := put(t, s, id, `{"status":"I","notify_user":"1"}`); code != 200 {
		t.Fatal(code)
	}
	if code, _ := put(t, s, id, `{"vendor_ref":"R-77"}`); code != 200 {
		t.Fatal(code)
	}
	want, _ := s.Order(id)
	changes := s.Changes()
	s.Close()

	s2 := start(t, Options{StateFile: path})
	got, _ := s2.Order(id)
	if got != want {
		t.Fatalf("after restart %+v, want %+v", got, want)
	}
	if c := s2.Changes(); len(c) != 1 || c[0] != changes[0] {
		t.Fatalf("changes after restart %+v, want %+v", c, changes)
	}
	code, body := get(t, s2.URL()+"/orders/search?vendor_ref=R-77")
	if code != 200 || !strings.Contains(string(body), `"order_id":"`+id+`"`) {
		t.Fatalf("search after restart: %d", code)
	}
	// A later change appends to the restored log.
	if code, _ := put(t, s2, id, `{"status":"P"}`); code != 200 || len(s2.Changes()) != 2 {
		t.Fatalf("%d %+v", code, s2.Changes())
	}
	// Without the state file the data is fresh.
	s3 := start(t, Options{})
	if fresh, _ := s3.Order(id); fresh.Status == "P" && fresh.VendorRef == "R-77" {
		t.Fatal("state leaked without a StateFile")
	}
}

func TestStateFileErrors(t *testing.T) {
	tests := map[string]string{
		"not json":       `{"version":1,"orders":`,
		"bad status":     `{"version":1,"orders":{"1001":{"status":"Z"}}}`,
		"N status":       `{"version":1,"orders":{"1001":{"status":"N"}}}`,
		"null order":     `{"version":1,"orders":{"1001":null}}`,
		"future version": `{"version":9,"orders":{}}`,
		"unknown field":  `{"version":1,"orders":{},"extra":1}`,
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			os.WriteFile(path, []byte(content), 0o600)
			s, err := Start(Options{Orders: 10, StateFile: path})
			if err == nil {
				s.Close()
				t.Fatal("want an error for a corrupt state file")
			}
			if !strings.Contains(err.Error(), "state file") {
				t.Errorf("error %q does not name the state file", err)
			}
		})
	}
	// Orders the data lacks are kept in the file, not an error.
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version":1,"orders":{"77777":{"status":"C","updated_at":5}},"changes":[]}`), 0o600)
	s := start(t, Options{Orders: 10, StateFile: path})
	id := someOrder(t, s, "C")
	if code, _ := put(t, s, id, `{"status":"C"}`); code != 200 {
		t.Fatal(code)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"77777"`) {
		t.Fatal("a mutation of an unknown order was dropped")
	}
}

// TestStateSaveFailure: a change that cannot be saved is not made.
func TestStateSaveFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := start(t, Options{StateFile: path})
	if err := os.Mkdir(path, 0o700); err != nil { // a directory where the file goes
		t.Fatal(err)
	}
	id := someOrder(t, s, "C")
	before, _ := s.Order(id)
	code, body := put(t, s, id, `{"status":"C"}`)
	if code != 500 || !strings.Contains(string(body), `"status":500`) {
		t.Fatalf("%d %s", code, body)
	}
	if after, _ := s.Order(id); after != before || len(s.Changes()) != 0 {
		t.Fatal("an unsaved change was applied")
	}
}
