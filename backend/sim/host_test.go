package sim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHost(t *testing.T) {
	if _, err := ListenHost(Config{}); err == nil {
		t.Fatal("ListenHost without a handler: no error")
	}
	h, err := ListenHost(Config{Handler: &testStore{}, Error: testError})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	if !strings.HasPrefix(h.Root(), "http://127.0.0.1:") {
		t.Errorf("Root = %q", h.Root())
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	h.SetClock(func() time.Time { return at })
	if !h.Now().Equal(at) {
		t.Errorf("Now = %v, want the set clock's %v", h.Now(), at)
	}
	h.Faults().Set(Fault5xx, 1)
	resp, err := http.Get(h.Root() + "/orders")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("the fault was not used: %d", resp.StatusCode)
	}
	if r := h.Requests(); len(r) != 1 || r[0].Fault != Fault5xx || !r[0].At.Equal(at) {
		t.Errorf("Requests = %+v", r)
	}
	h.ResetRequests()
	if len(h.Requests()) != 0 {
		t.Error("ResetRequests left requests")
	}
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := http.Get(h.Root() + "/orders"); err == nil {
		t.Error("the host still answers after Close")
	}
}
