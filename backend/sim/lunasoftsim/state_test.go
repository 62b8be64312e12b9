package lunasoftsim

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "luna.json")
	s := start(t, Options{StateFile: path})
	id := withHistory(t, s, 1)
	for _, st := range []string{"Shipped", "Complete"} {
		if code, _, _ := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"`+st+`","notes":"n ü 🚚","notify_customer":true}}`); code != 200 {
			t.Fatal(code)
		}
	}
	want, _ := s.Order(id)
	_, _, wantBody := call(t, "GET", s.URL()+"/orders/"+id, "")
	s.Close()

	s2 := start(t, Options{StateFile: path})
	got, _ := s2.Order(id)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after restart\n%+v\nwant\n%+v", got, want)
	}
	if _, _, b := call(t, "GET", s2.URL()+"/orders/"+id, ""); string(b) != string(wantBody) {
		t.Fatal("the detail differs after a restart")
	}
	// New rows continue the id sequence.
	call(t, "POST", s2.URL()+"/orders/"+id, `{"status":{"status":"Refunded"}}`)
	o, _ := s2.Order(id)
	if o.History[0].ID <= want.History[0].ID {
		t.Fatalf("row id %s after %s", o.History[0].ID, want.History[0].ID)
	}
}

func TestStateFileErrors(t *testing.T) {
	tests := map[string]string{
		"not json":       `{"version":1,"orders":{`,
		"null order":     `{"version":1,"orders":{"54001":null}}`,
		"empty status":   `{"version":1,"next_status_id":5,"orders":{"54001":{"added":[{"id":5,"status":""}],"modified":"2026-11-20T00:00:00Z"}}}`,
		"bad row id":     `{"version":1,"orders":{"54001":{"added":[{"id":0,"status":"Shipped"}],"modified":"2026-11-20T00:00:00Z"}}}`,
		"bad time":       `{"version":1,"orders":{"54001":{"added":[],"modified":"yesterday"}}}`,
		"future version": `{"version":2,"orders":{}}`,
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			os.WriteFile(path, []byte(content), 0o600)
			s, err := Start(Options{Orders: 10, StateFile: path})
			if err == nil {
				s.Close()
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), "state file") {
				t.Errorf("error %q does not name the state file", err)
			}
		})
	}
}

func TestStateSaveFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := start(t, Options{StateFile: path})
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	id := s.IDs()[0]
	before, _ := s.Order(id)
	code, _, b := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"Shipped"}}`)
	if code != 500 {
		t.Fatalf("%d %s", code, b)
	}
	wantEnvelope(t, b, "500")
	if after, _ := s.Order(id); !reflect.DeepEqual(after, before) {
		t.Fatal("an unsaved row was added")
	}
	if p := s.Posts(); len(p) != 1 || p[0].OK || p[0].HTTPStatus != 500 {
		t.Fatalf("posts %+v", p)
	}
}
