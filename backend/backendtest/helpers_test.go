package backendtest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// failures is a testing.TB that keeps what a check reports instead of
// failing the test, to show the shared checks do fail.
type failures struct {
	testing.TB
	msgs []string
}

func (f *failures) Helper() {}

func (f *failures) Errorf(format string, args ...any) {
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

func TestOtherOriginReportsWhatReachedIt(t *testing.T) {
	o := NewOtherOrigin(t, `{"ok":true}`)
	f := &failures{TB: t}
	o.NothingReceived(f, "k3y")
	if len(f.msgs) != 0 {
		t.Fatalf("nothing sent, yet: %q", f.msgs)
	}
	req, _ := http.NewRequest("GET", o.URL+"/orders?page=2", nil)
	req.Header.Set("X-Api-Key", "k3y")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	o.NothingReceived(f, "other", "k3y")
	if len(f.msgs) != 1 || !strings.Contains(f.msgs[0], "credentials in it: true") || !strings.Contains(f.msgs[0], "/orders?page=2") {
		t.Fatalf("got %q, want one failure naming the request and the key", f.msgs)
	}
}

func TestFlood(t *testing.T) {
	for name, b := range map[string][]byte{
		"list":    Flood(`{"orders":[`, "id", `]}`, 4096),
		"members": FloodMembers(`{"orders":{`, "id", `}}`, 4096),
	} {
		if n := bytes.Count(b, []byte(`{"id"`)); len(b) > 4096 || len(b) < 4000 || n < 200 {
			t.Errorf("%s: %d bytes, %d objects", name, len(b), n)
		}
	}
}

func TestCheckBounded(t *testing.T) {
	f := &failures{TB: t}
	CheckBounded(f, 3, map[string]string{"ok": "abc", "empty": "", "long": "abcd"})
	if len(f.msgs) != 2 || !strings.HasPrefix(f.msgs[0], "empty:") || !strings.HasPrefix(f.msgs[1], "long:") {
		t.Fatalf("got %q", f.msgs)
	}
}

func TestCheckPageAndStatuses(t *testing.T) {
	if err := CheckPage(backend.Page{Orders: []backend.Order{{ID: "1"}}, Total: -1}); err != nil {
		t.Errorf("a clean page flagged: %v", err)
	}
	for _, p := range []backend.Page{{Total: -2}, {Orders: []backend.Order{{ID: "1\x1b[2J"}}}} {
		if CheckPage(p) == nil {
			t.Errorf("page %+v passed", p)
		}
	}
	if err := CheckStatuses([]backend.Status{{Code: "P", Name: "Paid"}, {Code: "C"}}); err != nil {
		t.Errorf("a clean list flagged: %v", err)
	}
	for _, l := range [][]backend.Status{{{Code: ""}}, {{Code: "P"}, {Code: "P"}}, {{Code: "P", Name: "\u202eevil"}}} {
		if CheckStatuses(l) == nil {
			t.Errorf("status list %+v passed", l)
		}
	}
}

func TestKinds(t *testing.T) {
	if k := Kinds(502); k != nil {
		t.Errorf("a 502: %v, want any kind", k)
	}
	also := []backend.ErrorKind{backend.KindNotFound}
	if k := Kinds(200, also...); len(k) != 2 || k[1] != backend.KindMalformed || len(also) != 1 {
		t.Errorf("a 200: %v", k)
	}
}
