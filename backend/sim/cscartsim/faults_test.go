package cscartsim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

func TestFaults(t *testing.T) {
	tests := []struct {
		fault    sim.Fault
		want     int
		wantBody string
		header   [2]string
	}{
		{sim.Fault5xx, 500, `{"message":"Internal Server Error","status":500}`, [2]string{}},
		{sim.Fault401, 401, `{"message":"Unauthorized","status":401}`, [2]string{"WWW-Authenticate", `Basic realm="User email/API key"`}},
		{sim.Fault429, 429, `{"message":"Too Many Requests","status":429}`, [2]string{"Retry-After", "1"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			s := start(t, Options{})
			id := someOrder(t, s, "C")
			s.Faults().SetFor("PUT", tt.fault, 1)
			code, h, body := call(t, "PUT", s.URL()+"/orders/"+id, `{"status":"C"}`, jsonCT)
			if code != tt.want || string(body) != tt.wantBody {
				t.Fatalf("%d %s", code, body)
			}
			if tt.header[0] != "" && h.Get(tt.header[0]) != tt.header[1] {
				t.Errorf("%s = %q", tt.header[0], h.Get(tt.header[0]))
			}
			if s.mustStatus(t, id) == "C" || len(s.Changes()) != 0 {
				t.Fatal("a failed request changed the order")
			}
			if code, _ := get(t, s.URL()+"/orders"); code != 200 {
				t.Fatal("a PUT-only fault hit a GET")
			}
		})
	}
}

func TestFaultMalformedAndTruncated(t *testing.T) {
	s := start(t, Options{})
	s.Faults().Set(sim.FaultMalformed, 1)
	code, body := get(t, s.URL()+"/orders")
	if code != 200 || json.Valid(body) {
		t.Fatalf("malformed: %d, valid JSON %v", code, json.Valid(body))
	}

	id := someOrder(t, s, "I")
	s.Faults().Set(sim.FaultTruncated, 1)
	req, _ := http.NewRequest("PUT", s.URL()+"/orders/"+id, strings.NewReader(`{"status":"I"}`))
	req.SetBasicAuth("demo@orderdash.test", "demo-cscart-key")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated body read: %v", err)
	}
	if s.mustStatus(t, id) != "I" {
		t.Fatal("a truncated answer should still have applied the change")
	}
}

func TestFaultHangAfterApply(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s, "C")
	s.Faults().SetFor("PUT", sim.FaultHangAfterApply, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "PUT", s.URL()+"/orders/"+id, strings.NewReader(`{"status":"C","notify_user":1}`))
	req.SetBasicAuth("demo@orderdash.test", "demo-cscart-key")
	req.Header.Set("Content-Type", "application/json")
	if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want no answer, got %v", err)
	}
	if s.mustStatus(t, id) != "C" || len(s.Changes()) != 1 || !s.Changes()[0].Notify {
		t.Fatalf("the write was not applied: %+v", s.Changes())
	}
	// Hang (before apply) changes nothing.
	id2 := someOrder(t, s, "C")
	s.Faults().SetFor("PUT", sim.FaultHang, 1)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	req, _ = http.NewRequestWithContext(ctx2, "PUT", s.URL()+"/orders/"+id2, strings.NewReader(`{"status":"C"}`))
	req.SetBasicAuth("demo@orderdash.test", "demo-cscart-key")
	req.Header.Set("Content-Type", "application/json")
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("a hung request answered")
	}
	if s.mustStatus(t, id2) == "C" || len(s.Changes()) != 1 {
		t.Fatal("a hung request changed the order")
	}
}
