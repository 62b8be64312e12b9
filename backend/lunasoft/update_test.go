package lunasoft

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/wire"
)

func change(to string) backend.Change {
	return backend.Change{Store: "Luna Site", OrderID: "54123", From: backend.Status{Code: "Complete"}, To: backend.Status{Code: to},
		Notify: true, Tracking: "ABCDEFG", Requested: time.Now()}
}

func TestSetStatusSendsTheSeedBody(t *testing.T) {
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	o, err := c.SetStatus(context.Background(), change("Shipped"))
	if err != nil {
		t.Fatal(err)
	}
	var posts []backendtest.Recorded
	for _, r := range f.Requests() {
		if r.Method == "POST" {
			posts = append(posts, r)
		}
	}
	if len(posts) != 1 {
		t.Fatalf("%d POSTs", len(posts))
	}
	var got, want any
	json.Unmarshal(posts[0].Body, &got)
	json.Unmarshal(backendtest.Fixture(t, "post_body_seed.json"), &want)
	if gb, _ := json.Marshal(got); string(gb) != mustJSON(want) {
		t.Errorf("body %s, want the seed's %s", posts[0].Body, mustJSON(want))
	}
	if posts[0].ContentType != "application/json" || posts[0].Path != "/orders/54123" {
		t.Errorf("content type %q path %q", posts[0].ContentType, posts[0].Path)
	}
	if o.Status.Code != "Shipped" || len(o.History) != 4 || o.History[0].Note != "Tracking #ABCDEFG" || o.Tracking != "ABCDEFG" || !o.History[0].Notified {
		t.Errorf("returned order: %+v", o.History[0])
	}
	if n := f.Count("GET"); n != 1 {
		t.Errorf("%d GETs: the POST's answer confirms it, no re-read needed", n)
	}
}

var seedOrder, _ = os.ReadFile("testdata/order_54123.json")

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestComposeNotes(t *testing.T) {
	cases := []struct{ note, tracking, want string }{
		{"", "", ""},
		{"Packed by Sam", "", "Packed by Sam"},
		{"", " 1Z999 ", "Tracking #1Z999"},
		{"Two boxes\r\n", "1Z999", "Two boxes\nTracking #1Z999"},
		{"\x1b[31mred\x1b[0m", "", "red"},
	}
	for _, tc := range cases {
		if got := composeNotes(tc.note, tc.tracking); got != tc.want {
			t.Errorf("composeNotes(%q, %q) = %q, want %q", tc.note, tc.tracking, got, tc.want)
		}
	}
}

func TestSetStatusRefused(t *testing.T) {
	cases := []struct {
		name    string
		mod     func(*fakeSite)
		ch      backend.Change
		cfg     func(*Config)
		want    *backend.Error
		msg     string
		posts   int
		entries int
	}{
		{name: "400 with the order and errors", ch: change("Shipped"),
			cfg: func(c *Config) { c.Statuses = append(DefaultStatuses, "Lost") }, mod: nil,
			want: backend.ErrInvalidStatus, msg: "Invalid status", posts: 1, entries: 3},
		{name: "200 with the unchanged order and errors", ch: change("Shipped"), mod: func(f *fakeSite) {
			f.onPost = func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				f.mu.Lock()
				b, _ := json.Marshal(map[string]any{"id": "54123", "current_status": "Complete", "statuses": f.order["statuses"],
					"errors": []any{map[string]any{"internal_message": "Order is locked", "user_message": "An error occurred", "code": "400"}}})
				f.mu.Unlock()
				w.Write(b)
			}
		}, want: backend.ErrInvalidStatus, msg: "Order is locked", posts: 1, entries: 3},
		{name: "unknown name is not sent", ch: change("shipped"), want: backend.ErrInvalidStatus, msg: "not one of this store's statuses", entries: 3},
		{name: "read-only", ch: change("Shipped"), cfg: func(c *Config) { c.ReadOnly = true }, want: backend.ErrUnsupported, msg: "read-only", entries: 3},
		{name: "someone else moved it", ch: func() backend.Change { c := change("Shipped"); c.From.Code = "Processing"; return c }(),
			want: backend.ErrConflict, msg: "now Complete, not Processing", entries: 3},
		{name: "already there, and not by this change", ch: func() backend.Change { c := change("Complete"); c.From.Code = ""; return c }(),
			want: backend.ErrConflict, msg: "already Complete", entries: 3},
		{name: "401", ch: change("Shipped"), mod: func(f *fakeSite) {
			f.onPost = func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				backendtest.WriteJSON(w, 401, errBody("Unauthorized", "401"))
			}
		}, want: backend.ErrUnauthorized, msg: "Unauthorized", posts: 1, entries: 3},
		{name: "404", ch: change("Shipped"), mod: func(f *fakeSite) {
			f.onPost = func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				backendtest.WriteJSON(w, 404, errBody("Not Found", "404"))
			}
		}, want: backend.ErrNotFound, msg: "no order 54123", posts: 1, entries: 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			if tc.mod != nil {
				tc.mod(f)
			}
			var mods []func(*Config)
			if tc.cfg != nil {
				mods = append(mods, tc.cfg)
			}
			c := newTestClient(t, f.srv.URL+base, mods...)
			ch := tc.ch
			if tc.name == "400 with the order and errors" {
				ch.To.Code = "Lost" // the client knows it, the site does not
			}
			_, err := c.SetStatus(context.Background(), ch)
			e := checkErr(t, err, tc.want)
			if !strings.Contains(e.Message, tc.msg) || e.Uncertain {
				t.Errorf("error %v (uncertain %v)", err, e.Uncertain)
			}
			if n := f.Count("POST"); n != tc.posts {
				t.Errorf("%d POSTs, want %d", n, tc.posts)
			}
			if n := len(f.history()); n != tc.entries {
				t.Errorf("%d history entries, want %d", n, tc.entries)
			}
		})
	}
}

// The exactly-once cases: whatever goes wrong after the POST leaves, the
// site ends with exactly one new entry, or the client says it cannot know.
func TestSetStatusUnclearAnswers(t *testing.T) {
	hang := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	cases := []struct {
		name      string
		onPost    func(f *fakeSite) func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool))
		reread    http.HandlerFunc // replaces GETs after the first
		want      *backend.Error   // nil: success
		uncertain bool
		posts     int
		entries   int
	}{
		{name: "applied, then the connection hangs", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) { apply(); hang(w, r) })},
		{name: "applied, then 500", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				apply()
				backendtest.WriteJSON(w, 500, errBody("Internal error", "500"))
			})},
		{name: "applied, then a malformed body", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				b, _ := apply()
				w.Write(append(b[:len(b)-1], ",}"...))
			})},
		{name: "applied, then the body breaks off", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				b, _ := apply()
				w.Header().Set("Content-Length", "100000")
				w.Write(b[:len(b)/2])
			})},
		{name: "applied, then an HTML error page", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				apply()
				w.WriteHeader(502)
				w.Write([]byte("<html><h1>502 Bad Gateway</h1></html>"))
			})},
		{name: "applied, answered after the client gave up", posts: 1, entries: 4,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
				b, _ := apply()
				<-r.Context().Done()
				w.Write(b)
			})},
		// The POST is never sent twice: when the re-read does not show it,
		// it may still be on its way, and is left for reconciliation.
		{name: "500 before applying: not resent, left open", posts: 1, entries: 3,
			want: backend.ErrUnavailable, uncertain: true,
			onPost: once(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				backendtest.WriteJSON(w, 500, errBody("Internal error", "500"))
			})},
		{name: "503 before applying: not resent, a clear failure", posts: 1, entries: 3,
			want: backend.ErrUnavailable, uncertain: false,
			onPost: once(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				backendtest.WriteJSON(w, 503, errBody("Maintenance", "503"))
			})},
		{name: "hang before applying: not resent, left open", posts: 1, entries: 3,
			want: backend.ErrUnavailable, uncertain: true,
			onPost: once(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) { hang(w, r) })},
		{name: "200 without the entry and without errors: not resent, left open", posts: 1, entries: 3,
			want: backend.ErrMalformed, uncertain: true,
			onPost: once(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				w.Write(seedOrder)
			})},
		{name: "hang every time: one send, the outcome stays open", posts: 1, entries: 3,
			want: backend.ErrUnavailable, uncertain: true,
			onPost: always(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) { hang(w, r) })},
		{name: "applied, hang, and the re-read fails: uncertain", posts: 1, entries: 4,
			want: backend.ErrUnavailable, uncertain: true,
			onPost: once(func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) { apply(); hang(w, r) }),
			reread: func(w http.ResponseWriter, r *http.Request) { backendtest.WriteJSON(w, 500, errBody("down", "500")) }},
		{name: "500 before applying, and the re-read is garbage: uncertain, not resent", posts: 1, entries: 3,
			want: backend.ErrUnavailable, uncertain: true,
			onPost: once(func(w http.ResponseWriter, r *http.Request, _ func() ([]byte, bool)) {
				backendtest.WriteJSON(w, 500, errBody("Internal error", "500"))
			}),
			reread: func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.onPost = tc.onPost(f)
			if tc.reread != nil {
				gets := 0
				f.on("GET /orders/54123", func(w http.ResponseWriter, r *http.Request) {
					f.mu.Lock()
					gets++
					first := gets == 1
					b, _ := json.Marshal(f.order)
					f.mu.Unlock()
					if first {
						w.Write(b)
						return
					}
					tc.reread(w, r)
				})
			}
			c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = 60 * time.Millisecond })
			j := &backendtest.Journal{}
			o, err := backend.Apply(context.Background(), c, j, change("Shipped"))
			if got := f.Count("POST"); got != tc.posts || j.Sends != tc.posts {
				t.Errorf("%d POSTs, %d attempts journaled; want %d", got, j.Sends, tc.posts)
			}
			if got := len(f.history()); got != tc.entries {
				t.Errorf("%d history entries on the site, want %d", got, tc.entries)
			}
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if o.Status.Code != "Shipped" || o.History[0].Note != "Tracking #ABCDEFG" {
					t.Errorf("order %s %+v", o.Status.Code, o.History[0])
				}
				if strings.Join(j.Log, ",") != "record,sent,confirmed" {
					t.Errorf("journal %v", j.Log)
				}
				return
			}
			e := checkErr(t, err, tc.want)
			if e.Uncertain != tc.uncertain {
				t.Errorf("uncertain %v, want %v: %v", e.Uncertain, tc.uncertain, err)
			}
			checkUncertainText(t, err)
			wantLog := "record,sent,failed"
			if tc.uncertain {
				wantLog = "record,sent,unknown"
			}
			if strings.Join(j.Log, ",") != wantLog {
				t.Errorf("journal %v, want %s", j.Log, wantLog)
			}
		})
	}
}

type postFunc = func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool))

// once misbehaves on the first POST only; later POSTs apply normally.
func once(bad postFunc) func(*fakeSite) postFunc {
	return func(f *fakeSite) postFunc {
		n := 0
		return func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool)) {
			f.mu.Lock()
			n++
			first := n == 1
			f.mu.Unlock()
			if first {
				bad(w, r, apply)
				return
			}
			b, _ := apply()
			w.Write(b)
		}
	}
}

func always(bad postFunc) func(*fakeSite) postFunc {
	return func(*fakeSite) postFunc { return bad }
}

func TestSetStatusResendOfAnAppliedChange(t *testing.T) {
	// A change whose outcome was unknown is sent again (the journal's
	// reconcile path went wrong): the site already shows it, so nothing
	// is posted.
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	ch := change("Shipped")
	if _, err := c.SetStatus(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	o, err := c.SetStatus(context.Background(), ch)
	if err != nil || o.Status.Code != "Shipped" {
		t.Fatalf("resend: %v", err)
	}
	if f.Count("POST") != 1 || len(f.history()) != 4 {
		t.Errorf("%d POSTs, %d entries", f.Count("POST"), len(f.history()))
	}
}

func TestVerify(t *testing.T) {
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	ctx := context.Background()
	ch := change("Shipped")
	if ok, _, err := c.Verify(ctx, ch); err != nil || ok {
		t.Fatalf("before: %v %v", ok, err)
	}
	f.apply([]byte(`{"status":{"status":"Shipped","notes":"Tracking #ABCDEFG","notify_customer":true}}`))
	cases := []struct {
		name string
		mod  func(*backend.Change)
		want bool
	}{
		{"the change", func(*backend.Change) {}, true},
		{"status compared without regard to case", func(c *backend.Change) { c.To.Code = "shipped" }, true},
		{"other notes", func(c *backend.Change) { c.Tracking = "OTHER" }, false},
		{"other status", func(c *backend.Change) { c.To.Code = "Complete" }, false},
		{"requested well after the entry", func(c *backend.Change) { c.Requested = time.Now().Add(time.Hour) }, false},
		{"server clock a minute behind", func(c *backend.Change) { c.Requested = time.Now().Add(time.Minute) }, true},
		{"no request time", func(c *backend.Change) { c.Requested = time.Time{} }, true},
	}
	for _, tc := range cases {
		ch := change("Shipped")
		tc.mod(&ch)
		ok, o, err := c.Verify(ctx, ch)
		if err != nil || ok != tc.want || o.ID != "54123" {
			t.Errorf("%s: applied %v, want %v (%v)", tc.name, ok, tc.want, err)
		}
	}
	_, _, err := c.Verify(ctx, backend.Change{OrderID: "9", To: backend.Status{Code: "Shipped"}})
	checkErr(t, err, backend.ErrNotFound)
}

func TestSameChange(t *testing.T) {
	long := strings.Repeat("Handle with care. ", 10)
	cases := []struct {
		stored, sent string
		want         bool
	}{
		{"Tracking #A&amp;B", "Tracking #A&B", true},
		{"two\r\nlines  here ", "two\nlines here", true},
		{long[:80], long, true},  // a site that cuts long notes
		{long[:20], long, false}, // too short a beginning to be sure
		{"", "", true},
		{"Tracking #X", "Tracking #Y", false},
	}
	for _, tc := range cases {
		e := wireEntry{Status: "Shipped", Notes: wire.String(tc.stored)}
		if got := sameChange(e, "Shipped", tc.sent); got != tc.want {
			t.Errorf("stored %q sent %q: %v", tc.stored, tc.sent, got)
		}
	}
}
