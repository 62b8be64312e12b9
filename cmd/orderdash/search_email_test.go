package main

import (
	"strings"
	"testing"
)

// An e-mail the mirror does not know yet is asked of the CS-Cart store's
// e-mail filter; what it finds is shown as the store's and written to the
// mirror, so the next search finds it there.
func TestSearchEmailAsksStore(t *testing.T) {
	sb := newSandbox(t)
	const st = "demo-cscart"
	orders := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", st, "--json").stdout)
	if len(orders) < 2 {
		t.Fatalf("%d orders listed", len(orders))
	}
	email := orders[1]["customer"].(map[string]any)["email"].(string)
	id := orders[1]["id"].(string)

	r := sb.demo("search", strings.ToUpper(email), "--store", st, "--json")
	mustCode(t, r, 0)
	got := decodeJSON[[]map[string]any](t, r.stdout)
	var found bool
	for _, g := range got {
		if g["id"] == id {
			found = true
			if g["source"] != "store" || g["match"] != "exact" {
				t.Errorf("order %s found as %v/%v, want exact from the store", id, g["match"], g["source"])
			}
		}
	}
	if !found {
		t.Fatalf("search %s did not find order %s: %v", email, id, r)
	}
	r = sb.demo("search", email, "--store", st, "--json")
	mustCode(t, r, 0)
	for _, g := range decodeJSON[[]map[string]any](t, r.stdout) {
		if g["id"] == id && g["source"] != "mirror" {
			t.Errorf("the second search found order %s in the %v, want the mirror", id, g["source"])
		}
	}
}
