package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// A Lunasoft store that takes the POST but answers after orderdash gave up
// waiting: set-status sends it once, never again, and the journal says
// what is known and how many requests may have reached the store.
func TestSetStatusLateAnswer(t *testing.T) {
	cases := []struct {
		name  string
		fault sim.Fault
		code  int
		state string
		added int // history rows the store added
	}{
		// The re-read shows the change: it is confirmed.
		{"applied, answer lost", sim.FaultHangAfterApply, 0, "confirmed", 1},
		// The re-read does not show it (yet): it is left for
		// reconciliation, never sent a second time.
		{"not applied, answer lost", sim.FaultHang, 1, "unknown", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox(t)
			lu, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 2, Orders: 30, AuthHeader: rightKey})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { lu.Close() })
			t.Setenv("OD_LUNA_KEY", rightKey)
			cfg := sb.writeConfig(fmt.Sprintf(`operator = "sam"

[[stores]]
name = "Lunasoft site"
platform = "lunasoft"
url = %q
api_key_env = "OD_LUNA_KEY"
statuses = %s
timeout = "200ms"
`, lu.URL(), tomlList(lu.Statuses())), 0o600)

			var id string
			var before int
			for _, oid := range lu.IDs() {
				if o, _ := lu.Order(oid); o.CurrentStatus == "Processing" {
					id, before = oid, len(o.History)
					break
				}
			}
			if id == "" {
				t.Fatal("no Processing order in the sim")
			}
			lu.Faults().SetFor(http.MethodPost, tc.fault, 1)

			r := sb.run("--config", cfg, "set-status", "--store", "Lunasoft site", id, "Shipped", "--notify")
			if r.code != tc.code {
				t.Errorf("want exit %d; got %s", tc.code, r)
			} else if tc.code != 0 {
				oneLine(t, r, "(the change may have been applied; it is left for reconciliation: orderdash journal reconcile)")
				if strings.Contains(r.stderr, "did not apply") || strings.Contains(r.stderr, "may or may not") {
					t.Errorf("the message contradicts itself: %s", r.stderr)
				}
			}
			posts := 0
			for _, req := range lu.Requests() {
				if req.Method == http.MethodPost {
					posts++
				}
			}
			if posts != 1 {
				t.Errorf("the store received %d POSTs, want 1", posts)
			}
			if o, _ := lu.Order(id); len(o.History)-before != tc.added {
				t.Errorf("the store added %d history rows, want %d", len(o.History)-before, tc.added)
			}
			entries := journalEntries(t, sb, "--config", cfg)
			if len(entries) != 1 {
				t.Fatalf("journal has %d entries, want 1: %v", len(entries), entries)
			}
			e := entries[0]
			if e["state"] != tc.state || e["attempts"] != float64(1) {
				t.Errorf("journal: state %v attempts %v, want %s and 1", e["state"], e["attempts"], tc.state)
			}
			if tc.state == string(backend.StateUnknown) && !strings.Contains(fmt.Sprint(e["error"]), "orderdash journal reconcile") {
				t.Errorf("journal error %q does not say how it is settled", e["error"])
			}
		})
	}
}
