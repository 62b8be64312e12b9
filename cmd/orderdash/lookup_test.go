package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend/sim/cscartsim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// lookupSandbox configures two CS-Cart stores whose order ids are the
// same (both simulators number from 1001), a Lunasoft store, and, when
// down is set, a fourth store whose server has gone away.
func lookupSandbox(t *testing.T, down bool) (*sandbox, *lunasoftsim.Server) {
	t.Helper()
	var text strings.Builder
	text.WriteString("operator = \"tester\"\n")
	for i, name := range []string{"EU", "UK"} {
		cs, err := cscartsim.Start(cscartsim.Options{Seed: int64(10 + i), Orders: 10, Email: "ops@example.com", APIKey: rightKey})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cs.Close() })
		fmt.Fprintf(&text, "[[stores]]\nname = %q\nplatform = \"cscart\"\nurl = %q\nemail = \"ops@example.com\"\napi_key_env = \"OD_CS_KEY\"\n", name, cs.URL())
	}
	lu, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 2, Orders: 10, AuthHeader: rightKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lu.Close() })
	fmt.Fprintf(&text, "[[stores]]\nname = \"Luna\"\nplatform = \"lunasoft\"\nurl = %q\napi_key_env = \"OD_LUNA_KEY\"\nstatuses = %s\ntimeout = \"3s\"\n",
		lu.URL(), tomlList(lu.Statuses()))
	if down {
		gone, err := cscartsim.Start(cscartsim.Options{Seed: 3, Orders: 1, Email: "ops@example.com", APIKey: rightKey})
		if err != nil {
			t.Fatal(err)
		}
		url := gone.URL()
		gone.Close()
		fmt.Fprintf(&text, "[[stores]]\nname = \"Gone\"\nplatform = \"cscart\"\nurl = %q\nemail = \"ops@example.com\"\napi_key_env = \"OD_CS_KEY\"\ntimeout = \"2s\"\n", url)
	}
	sb := newSandbox(t)
	t.Setenv("ORDERDASH_CONFIG", sb.writeConfig(text.String(), 0o600))
	t.Setenv("OD_CS_KEY", rightKey)
	t.Setenv("OD_LUNA_KEY", rightKey)
	return sb, lu
}

func TestShowLooksInEveryStore(t *testing.T) {
	sb, lu := lookupSandbox(t, false)
	luna := lu.IDs()[2]

	// Only Lunasoft has this id: no --store needed.
	r := sb.run("show", luna, "--json")
	mustCode(t, r, 0)
	o := decodeJSON[map[string]any](t, r.stdout)
	if o["store"] != "Luna" || o["id"] != luna {
		t.Fatalf("show %s: store %v id %v", luna, o["store"], o["id"])
	}
	hasKeys(t, "show --json", o, "age", "late", "urgent")

	// An id two stores share: both are named, and --store picks one.
	r = sb.run("show", "#1003")
	mustCode(t, r, 1)
	oneLine(t, r, "1003 names 2 orders: EU order 1003, UK order 1003; name the store with --store")
	r = sb.run("show", "--store", "uk", "1003", "--json")
	mustCode(t, r, 0)
	if o := decodeJSON[map[string]any](t, r.stdout); o["store"] != "UK" {
		t.Errorf("show --store uk 1003: store %v", o["store"])
	}

	// Garbage: one line saying where it looked.
	r = sb.run("show", "no-such-order")
	mustCode(t, r, 1)
	oneLine(t, r, "no order no-such-order in any store (looked in EU, UK, Luna)")
	r = sb.run("show", strings.Repeat("9", 10_000))
	mustCode(t, r, 1)
	oneLine(t, r, "orderdash looks up at most 512")
}

func TestShowWithAStoreDown(t *testing.T) {
	sb, lu := lookupSandbox(t, true)
	luna := lu.IDs()[0]

	// The other stores answer; the one that is down is said on stderr.
	r := sb.run("show", luna)
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "Order "+luna) {
		t.Errorf("show %s:\n%s", luna, r)
	}
	if !strings.Contains(r.stderr, "orderdash: not looked in Gone: ") {
		t.Errorf("the store that is down is not said:\n%s", r.stderr)
	}

	// Nothing found: the line says where it looked and which store could
	// not answer.
	r = sb.run("show", "zz-9")
	mustCode(t, r, 1)
	oneLine(t, r, "no order zz-9 in EU, UK, Luna; Gone did not answer (unavailable: ")
	if !strings.Contains(r.stderr, "it may be there") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestSetStatusLooksUpTheOrder(t *testing.T) {
	sb, lu := lookupSandbox(t, false)
	id := lu.IDs()[4]
	r := sb.run("set-status", id, "Shipped", "--note", "by lookup")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "Luna: order "+id+" is now Shipped") {
		t.Errorf("set-status: %s", r)
	}
	// Shared ids are never guessed at.
	r = sb.run("set-status", "1002", "C")
	mustCode(t, r, 1)
	oneLine(t, r, "1002 names 2 orders")

	// The journal finds the change by the order.
	entries := journalEntries(t, sb, "--order", "#"+id)
	if len(entries) != 1 || entries[0]["order_id"] != id {
		t.Fatalf("journal --order %s: %v", id, entries)
	}
	if entries := journalEntries(t, sb, "--order", "1002"); len(entries) != 0 {
		t.Errorf("journal --order 1002: %v", entries)
	}
}
