package api2cartsim

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// BenchmarkListPage250 is the simulator's side of one page of a 10,000
// order walk: order.list with count=250, served in process (no network),
// pages taken in turn as a client walking the store takes them.
func BenchmarkListPage250(b *testing.B) {
	s, err := Start(Options{Orders: 10000})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	reqs := make([]*http.Request, 40)
	for i := range reqs {
		reqs[i] = httptest.NewRequest("GET", "/v1.1/order.list.json?count=250&start="+strconv.Itoa(i*250), nil)
		reqs[i].Header.Set("x-api-key", DefaultAPIKey)
		reqs[i].Header.Set("x-store-key", DefaultStoreKey)
	}
	page := func(i int) {
		w := httptest.NewRecorder()
		s.route(w, reqs[i%len(reqs)])
		if w.Code != http.StatusOK || w.Body.Len() < 250*100 {
			b.Fatalf("answer %d: %.200s", w.Code, w.Body.String())
		}
	}
	for i := range reqs { // a walk before: the store as a client meets it on its next walk
		page(i)
	}
	i := 0
	for b.Loop() {
		page(i)
		i++
	}
}
