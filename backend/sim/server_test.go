package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testStore is a tiny platform: POST /apply counts, GET answers JSON.
type testStore struct{ applied atomic.Int64 }

func (ts *testStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		ts.applied.Add(1)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Store", "test")
	fmt.Fprintf(w, `{"orders":[{"id":"1"},{"id":"2"}],"applied":%d}`, ts.applied.Load())
}

func testError(w http.ResponseWriter, _ *http.Request, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":%d}`, status)
}

func startTest(t *testing.T, cfg Config) (*Server, *testStore) {
	t.Helper()
	ts := &testStore{}
	cfg.Handler = ts
	cfg.Error = testError
	s, err := Listen(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, ts
}

// eventually polls cond for up to five seconds; it guards against a slow,
// shared CPU, not a measure of speed.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func do(ctx context.Context, method, url string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(`{"x":1}`))
	if err != nil {
		return nil, nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestListenErrors(t *testing.T) {
	if _, err := Listen(Config{}); err == nil {
		t.Error("want an error without a handler")
	}
	if _, err := Listen(Config{Handler: http.NotFoundHandler(), Addr: "256.0.0.1:bad"}); err == nil {
		t.Error("want an error for a bad address")
	}
}

func TestRequestLog(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s, _ := startTest(t, Config{Clock: func() time.Time { return at }, MaxLog: 3})
	req, _ := http.NewRequest(http.MethodPut, s.URL+"/api/orders/7?a=1&b=%2B", strings.NewReader(`{"status":"P"}`))
	req.Header.Set("X-Test", "yes")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	log := s.Requests()
	if len(log) != 1 {
		t.Fatalf("got %d requests", len(log))
	}
	got := log[0]
	if got.Method != "PUT" || got.Path != "/api/orders/7" || got.RawQuery != "a=1&b=%2B" ||
		got.Header.Get("X-Test") != "yes" || string(got.Body) != `{"status":"P"}` || !got.At.Equal(at) || got.Fault != FaultNone {
		t.Fatalf("logged %+v", got)
	}
	if s.Now() != at {
		t.Errorf("Now() = %v", s.Now())
	}
	s.SetClock(nil)
	if s.Now().Equal(at) {
		t.Error("SetClock(nil) kept the fixed clock")
	}
	for i := range 5 {
		do(context.Background(), "GET", fmt.Sprintf("%s/n/%d", s.URL, i))
	}
	log = s.Requests()
	if len(log) != 3 || log[0].Path != "/n/2" || log[2].Path != "/n/4" {
		t.Fatalf("bounded log holds %d entries: %v", len(log), log)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Fatal("ResetRequests left entries")
	}
}

func TestBodyTooLarge(t *testing.T) {
	s, ts := startTest(t, Config{})
	resp, err := http.Post(s.URL+"/apply", "application/json", bytes.NewReader(make([]byte, maxBody+10)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || ts.applied.Load() != 0 {
		t.Fatalf("status %d, applied %d", resp.StatusCode, ts.applied.Load())
	}
}

func TestFaultAnswers(t *testing.T) {
	tests := []struct {
		fault       Fault
		wantStatus  int
		wantApplied int64
		check       func(t *testing.T, resp *http.Response, body []byte, err error)
	}{
		{Fault5xx, 500, 0, func(t *testing.T, _ *http.Response, body []byte, _ error) {
			if string(body) != `{"error":500}` {
				t.Errorf("body %s is not the platform's", body)
			}
		}},
		{Fault401, 401, 0, nil},
		{Fault429, 429, 0, func(t *testing.T, resp *http.Response, _ []byte, _ error) {
			if resp.Header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After = %q", resp.Header.Get("Retry-After"))
			}
		}},
		{FaultMalformed, 200, 1, func(t *testing.T, resp *http.Response, body []byte, _ error) {
			if json.Valid(body) || !bytes.HasPrefix(body, []byte(`{"orders"`)) {
				t.Errorf("body %s should be JSON-like but invalid", body)
			}
			if resp.Header.Get("X-Store") != "test" {
				t.Error("the platform's headers were lost")
			}
		}},
		{FaultTruncated, 200, 1, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			s, ts := startTest(t, Config{})
			s.Faults.Set(tt.fault, 1)
			resp, body, err := do(context.Background(), "POST", s.URL+"/apply")
			if tt.fault == FaultTruncated {
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("reading a truncated body: err %v, body %q", err, body)
				}
				if resp == nil || resp.StatusCode != 200 || len(body) == 0 {
					t.Fatalf("want a 200 with part of the body, got %v %q", resp, body)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if tt.check != nil {
				tt.check(t, resp, body, err)
			}
			if got := ts.applied.Load(); got != tt.wantApplied {
				t.Fatalf("applied %d, want %d", got, tt.wantApplied)
			}
			if got := s.Requests()[0].Fault; got != tt.fault {
				t.Errorf("logged fault %q", got)
			}
			// Used up: the next request is normal.
			resp, body, err = do(context.Background(), "GET", s.URL+"/x")
			if err != nil || resp.StatusCode != 200 || !json.Valid(body) {
				t.Fatalf("after the fault: %v %v %s", err, resp, body)
			}
		})
	}
}

func TestRetryAfterSetting(t *testing.T) {
	s, _ := startTest(t, Config{})
	s.Faults.Set(Fault429, 0)
	s.Faults.SetRetryAfter(30)
	resp, _, err := do(context.Background(), "GET", s.URL)
	if err != nil || resp.Header.Get("Retry-After") != "30" {
		t.Fatalf("err %v, Retry-After %q", err, resp.Header.Get("Retry-After"))
	}
}

func TestHang(t *testing.T) {
	tests := []struct {
		fault       Fault
		wantApplied int64
	}{{FaultHang, 0}, {FaultHangAfterApply, 1}}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			s, ts := startTest(t, Config{})
			s.Faults.SetFor("POST", tt.fault, 1)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, _, err := do(ctx, "POST", s.URL+"/apply")
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("want the client to give up, got %v", err)
			}
			if tt.wantApplied > 0 {
				eventually(t, "the write to apply", func() bool { return ts.applied.Load() == tt.wantApplied })
			} else if got := ts.applied.Load(); got != 0 {
				t.Fatalf("a hung request applied %d writes", got)
			}
		})
	}
}

// TestCloseReleasesHung: a request with no client timeout must end when
// the server closes, and Close must not wait for the client.
func TestCloseReleasesHung(t *testing.T) {
	for _, f := range []Fault{FaultHang, FaultHangAfterApply} {
		t.Run(string(f), func(t *testing.T) {
			s, _ := startTest(t, Config{})
			s.Faults.Set(f, 0)
			errc := make(chan error, 1)
			go func() {
				_, _, err := do(context.Background(), "POST", s.URL+"/apply")
				errc <- err
			}()
			eventually(t, "the request to arrive", func() bool { return len(s.Requests()) == 1 })
			closed := make(chan struct{})
			go func() { s.Close(); close(closed) }()
			select {
			case err := <-errc:
				if err == nil {
					t.Fatal("a hung request got an answer")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Close did not release the hung request")
			}
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("Close did not return")
			}
			if err := s.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
		})
	}
}

func TestLatency(t *testing.T) {
	s, _ := startTest(t, Config{})
	s.Faults.SetLatency(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, _, err := do(ctx, "GET", s.URL); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("an hour of latency answered: %v", err)
	}
	s.Faults.SetLatency(time.Millisecond)
	if resp, _, err := do(context.Background(), "GET", s.URL); err != nil || resp.StatusCode != 200 {
		t.Fatalf("small latency: %v", err)
	}
	// A delayed request is released by Close too.
	s.Faults.SetLatency(time.Hour)
	errc := make(chan error, 1)
	go func() { _, _, err := do(context.Background(), "GET", s.URL); errc <- err }()
	eventually(t, "the request to arrive", func() bool { return len(s.Requests()) == 3 })
	s.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("a delayed request answered after Close")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not release the delayed request")
	}
}

func TestCorrupt(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":1}`:   `{"a":1,}`,
		`[1,2]`:     `[1,2,]`,
		``:          `{"orders":[,]`,
		`{"a":[1]}`: `{"a":[1],}`,
	} {
		got := corrupt([]byte(in))
		if string(got) != want || json.Valid(got) {
			t.Errorf("corrupt(%s) = %s, want %s (invalid)", in, got, want)
		}
	}
}
