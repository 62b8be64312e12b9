package lunasoftsim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/backendtest"
)

type detailResp struct {
	ID            string           `json:"id"`
	CurrentStatus string           `json:"current_status"`
	Modified      string           `json:"modified"`
	Statuses      []map[string]any `json:"statuses"`
	Errors        []apiError       `json:"errors"`
}

func detail(t testing.TB, s *Server, id string) detailResp {
	t.Helper()
	code, _, b := call(t, "GET", s.URL()+"/orders/"+id, "")
	if code != 200 {
		t.Fatalf("GET %s: %d %.200s", id, code, b)
	}
	return backendtest.Decode[detailResp](t, b)
}

// withHistory finds an order with at least n history rows.
func withHistory(t testing.TB, s *Server, n int) string {
	t.Helper()
	for _, id := range s.IDs() {
		if o, _ := s.Order(id); len(o.History) >= n {
			return id
		}
	}
	t.Fatalf("no order with %d history rows", n)
	return ""
}

func TestDetailHistory(t *testing.T) {
	s := start(t, Options{Orders: 1000})
	var empty, long, tracking, userNull, userSet, dst, std, everModified, neverModified bool
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		switch {
		case len(o.History) == 0:
			empty = true
			if o.CurrentStatus != "Pending" {
				t.Fatalf("order %s has no history but status %s", id, o.CurrentStatus)
			}
		case len(o.History) >= 3:
			long = true
		}
		if len(o.History) > 0 && o.CurrentStatus != o.History[0].Status {
			t.Fatalf("order %s: current %s, newest row %s", id, o.CurrentStatus, o.History[0].Status)
		}
		if o.Modified.IsZero() {
			neverModified = true
		} else {
			everModified = true
		}
	}
	if !empty || !long || !everModified || !neverModified {
		t.Fatalf("histories lack variety: empty %v, long %v, modified %v/%v", empty, long, everModified, neverModified)
	}
	for _, id := range s.IDs()[500:] { // the newest half spans the DST change
		d := detail(t, s, id)
		if d.Statuses == nil {
			t.Fatalf("detail %s lacks statuses", id)
		}
		var prevID int
		var prevAt time.Time
		for i, st := range d.Statuses {
			for _, k := range []string{"id", "status", "notes", "created", "created_ip", "modified"} {
				if _, ok := st[k].(string); !ok {
					t.Fatalf("status %s = %#v, want a string", k, st[k])
				}
			}
			if _, ok := st["notify_customer"].(bool); !ok {
				t.Fatalf("notify_customer = %#v", st["notify_customer"])
			}
			if st["modified_user_id"] != nil || st["modified"] != "" {
				t.Fatalf("row %v: modified fields", st)
			}
			switch u := st["created_user_id"].(type) {
			case nil:
				userNull = true
			case string:
				userSet = true
			default:
				t.Fatalf("created_user_id %#v", u)
			}
			if strings.HasPrefix(st["notes"].(string), "Tracking #1Z") || strings.Contains(st["notes"].(string), "Tracking #1Z") {
				tracking = true
			}
			at := parseCreated(t, st["created"])
			if strings.HasSuffix(st["created"].(string), "-0600") {
				dst = true
			} else {
				std = true
			}
			rowID := atoi(t, st["id"])
			if i > 0 && (rowID >= prevID || at.After(prevAt)) {
				t.Fatalf("order %s: history not newest first at row %d", id, i)
			}
			prevID, prevAt = rowID, at
		}
		if len(d.Statuses) > 0 && d.CurrentStatus != d.Statuses[0]["status"] {
			t.Fatalf("order %s: current_status %s, newest %v", id, d.CurrentStatus, d.Statuses[0]["status"])
		}
	}
	if !tracking || !userNull || !userSet || !dst || !std {
		t.Fatalf("variety: tracking %v, user null %v / set %v, -0600 %v, -0700 %v", tracking, userNull, userSet, dst, std)
	}
}

func TestPostStatus(t *testing.T) {
	s := start(t, Options{})
	id := withHistory(t, s, 1)
	before, _ := s.Order(id)
	body := `{"status":{"status":"Shipped","notes":"Tracking #1Z999AA10123456784","notify_customer":true}}`
	code, _, b := call(t, "POST", s.URL()+"/orders/"+id, body)
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	d := backendtest.Decode[detailResp](t, b)
	if d.Errors != nil {
		t.Fatalf("errors on success: %v", d.Errors)
	}
	wantAt := format(clockNow)
	if d.CurrentStatus != "Shipped" || d.Modified != wantAt || len(d.Statuses) != len(before.History)+1 {
		t.Fatalf("answer: status %s, modified %s, %d rows", d.CurrentStatus, d.Modified, len(d.Statuses))
	}
	top := d.Statuses[0]
	if top["status"] != "Shipped" || top["notes"] != "Tracking #1Z999AA10123456784" || top["notify_customer"] != true ||
		top["created"] != wantAt || top["created_user_id"] != nil || top["created_ip"] != "127.0.0.1" {
		t.Fatalf("new row %v", top)
	}
	if atoi(t, top["id"]) <= atoi(t, d.Statuses[1]["id"]) {
		t.Fatal("the new row's id is not the highest")
	}
	after, _ := s.Order(id)
	if after.CurrentStatus != "Shipped" || !after.Modified.Equal(clockNow) || after.History[0].Notes != "Tracking #1Z999AA10123456784" {
		t.Fatalf("stored: %+v", after)
	}
	if g := detail(t, s, id); g.CurrentStatus != "Shipped" || len(g.Statuses) != len(d.Statuses) {
		t.Fatal("GET disagrees with the POST answer")
	}
	// Not idempotent: the same POST again adds another row.
	code, _, _ = call(t, "POST", s.URL()+"/orders/"+id, body)
	if code != 200 || len(detail(t, s, id).Statuses) != len(before.History)+2 {
		t.Fatalf("a second POST: %d", code)
	}
	posts := s.Posts()
	if len(posts) != 2 || !posts[0].OK || posts[0].Status != "Shipped" || !posts[0].Notify || posts[0].HTTPStatus != 200 ||
		string(posts[0].Body) != body || posts[0].OrderID != id || !posts[0].At.Equal(clockNow) {
		t.Fatalf("posts %+v", posts)
	}
	// Notes and notify are optional.
	if code, _, b := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"Complete"}}`); code != 200 {
		t.Fatalf("minimal body: %d %s", code, b)
	}
	if o, _ := s.Order(id); o.History[0].Notify || o.History[0].Notes != "" || o.CurrentStatus != "Complete" {
		t.Fatalf("minimal body stored %+v", o.History[0])
	}
	// A guest order with no history at all.
	for _, gid := range s.IDs() {
		if o, _ := s.Order(gid); len(o.History) == 0 {
			if code, _, _ := call(t, "POST", s.URL()+"/orders/"+gid, `{"status":{"status":"Processing","notes":"","notify_customer":false}}`); code != 200 {
				t.Fatal(code)
			}
			if o, _ := s.Order(gid); len(o.History) != 1 || o.CurrentStatus != "Processing" {
				t.Fatalf("%+v", o)
			}
			break
		}
	}
}

func TestPostErrors(t *testing.T) {
	s := start(t, Options{})
	id := withHistory(t, s, 2)
	before, _ := s.Order(id)
	tests := []struct {
		name, body string
		nErrors    int
	}{
		{"wrong case", `{"status":{"status":"shipped","notes":"","notify_customer":true}}`, 1},
		{"unknown name", `{"status":{"status":"Lost in space"}}`, 1},
		{"seed sample with its trailing comma", `{"status":{"status":"Shipped","notes":"Tracking #ABCDEFG","notify_customer":true,}}`, 1},
		{"flat body", `{"status":"Shipped"}`, 1},
		{"no status object", `{}`, 1},
		{"empty body", ``, 1},
		{"status missing", `{"status":{"notes":"x"}}`, 1},
		{"status not a string", `{"status":{"status":3}}`, 1},
		{"notify as string", `{"status":{"status":"Shipped","notify_customer":"yes"}}`, 1},
		{"notes as number", `{"status":{"status":"Shipped","notes":5}}`, 1},
		{"everything wrong", `{"status":{"status":"x","notes":[],"notify_customer":1}}`, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, b := call(t, "POST", s.URL()+"/orders/"+id, tt.body)
			if code != 400 {
				t.Fatalf("%d %.200s", code, b)
			}
			d := backendtest.Decode[detailResp](t, b)
			if d.ID != id || d.CurrentStatus != before.CurrentStatus || len(d.Statuses) != len(before.History) {
				t.Fatalf("the answer is not the unchanged order: %+v", d)
			}
			e := wantEnvelope(t, b, "400")
			if len(e.Errors) != tt.nErrors {
				t.Fatalf("%d errors, want %d: %+v", len(e.Errors), tt.nErrors, e.Errors)
			}
			p := s.Posts()
			if last := p[len(p)-1]; last.OK || last.HTTPStatus != 400 || len(last.Errors) != tt.nErrors {
				t.Fatalf("post log %+v", last)
			}
		})
	}
	if after, _ := s.Order(id); after.CurrentStatus != before.CurrentStatus || len(after.History) != len(before.History) || !after.Modified.Equal(before.Modified) {
		t.Fatal("a rejected POST changed the order")
	}
	code, _, b := call(t, "POST", s.URL()+"/orders/77", `{"status":{"status":"Shipped"}}`)
	if code != 404 {
		t.Fatalf("unknown order: %d", code)
	}
	wantEnvelope(t, b, "404")
	if p := s.Posts(); p[len(p)-1].HTTPStatus != 404 {
		t.Fatalf("post log %+v", p[len(p)-1])
	}
}

func TestCustomStatuses(t *testing.T) {
	names := []string{"Neu", "In Bearbeitung", "Versendet"}
	s := start(t, Options{Statuses: names})
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		if !slices.Contains(names, o.CurrentStatus) {
			t.Fatalf("order %s has status %q outside the configured list", id, o.CurrentStatus)
		}
		for _, e := range o.History {
			if !slices.Contains(names, e.Status) {
				t.Fatalf("history row %q outside the configured list", e.Status)
			}
		}
	}
	id := s.IDs()[0]
	if code, _, _ := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"Versendet"}}`); code != 200 {
		t.Fatal(code)
	}
	if code, _, _ := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"Shipped"}}`); code != 400 {
		t.Fatal("a default name was accepted by a store that does not have it")
	}
}

func TestDeterministic(t *testing.T) {
	body := func(seed int64) string {
		s := start(t, Options{Seed: seed, Orders: 60})
		var sb strings.Builder
		for _, id := range s.IDs() {
			_, _, b := call(t, "GET", s.URL()+"/orders/"+id, "")
			sb.Write(b)
		}
		return sb.String()
	}
	a, b, c := body(9), body(9), body(10)
	if a != b {
		t.Fatal("the same seed gave different orders")
	}
	if a == c {
		t.Fatal("different seeds gave the same orders")
	}
}

func TestIDs(t *testing.T) {
	s := start(t, Options{Orders: 500})
	ids := s.IDs()
	gaps := 0
	for i := 1; i < len(ids); i++ {
		a, _ := strconv.Atoi(ids[i-1])
		b, _ := strconv.Atoi(ids[i])
		if b <= a {
			t.Fatalf("ids not ascending at %d", i)
		}
		if b > a+1 {
			gaps++
		}
	}
	if gaps == 0 {
		t.Error("no gaps in the ids: deleted orders leave some")
	}
	if _, ok := s.Order(fmt.Sprint(firstOrderID - 1)); ok {
		t.Error("an id below the first exists")
	}
}
