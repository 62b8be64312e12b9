package api2cart_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// A caller with no use for the total (the mirror's incremental sync) pays
// one request per page, not a second one for order.count.
func TestListSkipTotalSavesTheCount(t *testing.T) {
	for _, tc := range []struct {
		name      string
		skip      bool
		wantCount int
		wantTotal int
	}{
		{"counted", false, 1, 300},
		{"skipped", true, 0, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := startSim(t, api2cartsim.Options{})
			c := newClient(t, srv)
			p, err := c.List(context.Background(), backend.Query{PageSize: 10, SkipTotal: tc.skip})
			if err != nil {
				t.Fatal(err)
			}
			counts := 0
			for _, r := range srv.Requests() {
				if strings.HasSuffix(r.Path, "order.count.json") {
					counts++
				}
			}
			if counts != tc.wantCount || p.Total != tc.wantTotal {
				t.Errorf("order.count requests %d, Total %d; want %d, %d", counts, p.Total, tc.wantCount, tc.wantTotal)
			}
		})
	}
}
