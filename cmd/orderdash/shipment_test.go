package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// set-status --tracking on a CS-Cart store makes a shipment; when the
// POST's answer is lost the change is left unknown, and reconciling reads
// the shipments before anything is sent again: one shipment, never two.
func TestSetStatusTrackingMakesShipment(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault sim.Fault
		code  int
	}{
		{"answered", sim.FaultNone, 0},
		{"answer lost, applied", sim.FaultHangAfterApply, 1},
		{"answer lost, not applied", sim.FaultHang, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox(t)
			cs, err := cscartsim.Start(cscartsim.Options{Seed: 1, Orders: 30, Email: "ops@example.com", APIKey: rightKey})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cs.Close() })
			t.Setenv("OD_CS_KEY", rightKey)
			cfg := sb.writeConfig(fmt.Sprintf(`operator = "sam"

[[stores]]
name = "Market"
platform = "cscart"
url = %q
email = "ops@example.com"
api_key_env = "OD_CS_KEY"
carrier = "dhl"
timeout = "300ms"
`, cs.URL()), 0o600)
			var id string
			for _, oid := range cs.IDs() {
				if o, _ := cs.Order(oid); o.Status == "P" {
					id = oid
					break
				}
			}
			if id == "" {
				t.Fatal("no order in P")
			}
			if tc.fault != sim.FaultNone {
				cs.Faults().SetFor(http.MethodPost, tc.fault, 1)
			}
			r := sb.run("--config", cfg, "set-status", "--store", "Market", id, "C", "--tracking", "00340434161094042557")
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tc.code, r)
			}
			if tc.code == 0 && !strings.Contains(r.stdout, "is now Complete") {
				t.Errorf("output %q", r.stdout)
			}
			if tc.code != 0 {
				oneLine(t, r, "was not confirmed")
				mustCode(t, sb.run("--config", cfg, "journal", "reconcile"), 0)
			}
			list := cs.Shipments()
			if len(list) != 1 || list[0].Tracking != "00340434161094042557" || list[0].Carrier != "dhl" || list[0].OrderID != id {
				t.Fatalf("shipments %+v, want one with the tracking number", list)
			}
			if o, _ := cs.Order(id); o.Status != "C" {
				t.Errorf("status %s", o.Status)
			}
			entries := journalEntries(t, sb, "--config", cfg)
			if len(entries) != 1 || entries[0]["state"] != "confirmed" {
				t.Errorf("journal %v", entries)
			}
			r = sb.run("--config", cfg, "show", "--store", "Market", id)
			mustCode(t, r, 0)
			if !strings.Contains(r.stdout, "Shipments (newest first)") || !strings.Contains(r.stdout, "dhl") || !strings.Contains(r.stdout, "00340434161094042557") {
				t.Errorf("show lacks the shipment:\n%s", r.stdout)
			}
		})
	}
}
