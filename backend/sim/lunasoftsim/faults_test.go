package lunasoftsim

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
		fault sim.Fault
		code  int
		msg   string
	}{
		{sim.Fault5xx, 500, "Internal Server Error"},
		{sim.Fault401, 401, "Unauthorized"},
		{sim.Fault429, 429, "Too Many Requests"},
	}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			s := start(t, Options{})
			id := s.IDs()[0]
			before, _ := s.Order(id)
			s.Faults().SetFor("POST", tt.fault, 1)
			code, h, b := call(t, "POST", s.URL()+"/orders/"+id, `{"status":{"status":"Shipped"}}`)
			if code != tt.code {
				t.Fatalf("%d %s", code, b)
			}
			e := wantEnvelope(t, b, itoa(tt.code))
			if e.Errors[0].InternalMessage != tt.msg {
				t.Errorf("message %q", e.Errors[0].InternalMessage)
			}
			if tt.code == 429 && h.Get("Retry-After") != "1" {
				t.Errorf("Retry-After %q", h.Get("Retry-After"))
			}
			if after, _ := s.Order(id); len(after.History) != len(before.History) || len(s.Posts()) != 0 {
				t.Fatal("a failed POST added a row")
			}
		})
	}
}

func TestFaultMalformedTruncated(t *testing.T) {
	s := start(t, Options{})
	s.Faults().Set(sim.FaultMalformed, 1)
	code, _, b := call(t, "GET", s.URL()+"/orders", "")
	if code != 200 || json.Valid(b) {
		t.Fatalf("malformed: %d valid=%v", code, json.Valid(b))
	}
	s.Faults().Set(sim.FaultTruncated, 1)
	req, _ := http.NewRequest("GET", s.URL()+"/orders", nil)
	req.Header.Set("Authorization", "demo-lunasoft-key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated: %v", err)
	}
}

func TestFaultHangAfterApply(t *testing.T) {
	s := start(t, Options{})
	id := s.IDs()[0]
	before, _ := s.Order(id)
	s.Faults().SetFor("POST", sim.FaultHangAfterApply, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL()+"/orders/"+id, strings.NewReader(`{"status":{"status":"Refunded"}}`))
	req.Header.Set("Authorization", "demo-lunasoft-key")
	if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want no answer, got %v", err)
	}
	after, _ := s.Order(id)
	if len(after.History) != len(before.History)+1 || after.CurrentStatus != "Refunded" {
		t.Fatal("the POST was not applied")
	}
	// The client cannot know; a retry would append a second row, which is
	// why it must re-read the order first.
	if p := s.Posts(); len(p) != 1 || !p[0].OK {
		t.Fatalf("posts %+v", p)
	}
}

func TestCloseReleasesHung(t *testing.T) {
	s := start(t, Options{})
	s.Faults().Set(sim.FaultHang, 0)
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("GET", s.URL()+"/orders", nil)
		req.Header.Set("Authorization", "demo-lunasoft-key")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(s.Requests()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	s.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("a hung request got an answer")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not release the hung request")
	}
}
