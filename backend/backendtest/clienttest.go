package backendtest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// Fixture is testdata/name of the package under test.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// WriteJSON answers status with v as JSON, as the platforms do.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Recorded is one request a fake store received.
type Recorded struct {
	Method, Path, RawQuery, ContentType, Auth string
	Body                                      []byte
}

// Recorder keeps what reached a fake store, for its tests to count; safe
// for the store's handler goroutines.
type Recorder struct {
	mu   sync.Mutex
	reqs []Recorded
}

// Record keeps r, its path as the store's routes name it and its body
// (already read).
func (q *Recorder) Record(r *http.Request, path string, body []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.reqs = append(q.reqs, Recorded{Method: r.Method, Path: path, RawQuery: r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"), Auth: r.Header.Get("Authorization"), Body: body})
}

// Requests is every request recorded so far, oldest first.
func (q *Recorder) Requests() []Recorded {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]Recorded(nil), q.reqs...)
}

// Count is how many requests used method.
func (q *Recorder) Count(method string) int {
	n := 0
	for _, r := range q.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

// CheckErr fails t unless err is a *backend.Error of want's kind whose
// text is one clean line, names store and shows none of secrets; it
// returns the error for further checks.
func CheckErr(t *testing.T, err error, want *backend.Error, store string, secrets ...string) *backend.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("want %v error, got nil", want.Kind)
	}
	if !errors.Is(err, want) {
		t.Fatalf("want kind %q, got %q: %v", want.Kind, backend.KindOf(err), err)
	}
	NoSecret(t, err.Error(), secrets...)
	if strings.ContainsAny(err.Error(), "\n\r\x1b") {
		t.Errorf("error is not one clean line: %q", err.Error())
	}
	var e *backend.Error
	errors.As(err, &e)
	if e.Store != store {
		t.Errorf("error does not name the store: %q", err.Error())
	}
	return e
}

// NoSecret fails t if s shows any of secrets.
func NoSecret(t *testing.T, s string, secrets ...string) {
	t.Helper()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			t.Fatalf("secret leaked: %q", s)
		}
	}
}

// Call sends one request with body (none when "") after edit has set its
// headers, and returns the answer read whole.
func Call(t testing.TB, method, url, body string, edit func(*http.Request)) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// Decode is b decoded as JSON into a T, failing t when it is not one.
func Decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %.200s: %v", b, err)
	}
	return v
}

// Repeat sends req once an iteration of b, reading the answer whole; any
// status but 200 fails. For benchmarks of a simulator over loopback.
func Repeat(b *testing.B, req *http.Request) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatal(resp.StatusCode)
		}
	}
}
