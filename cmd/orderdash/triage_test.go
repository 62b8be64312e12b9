package main

import (
	"strings"
	"testing"
	"time"
)

// A Kornit X order is named by its ref (CG31000741), the number people
// see, everywhere: it is found by its ref, its id or its external ref,
// and show, set-status and the journal print the ref.
func TestKornitXNumberEverywhere(t *testing.T) {
	sb := newSandbox(t)
	orders := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", "demo-kornitx", "--json").stdout)
	var ref, id, ext string
	for _, o := range orders {
		if o["status"].(map[string]any)["code"] == "1" {
			ref, id, ext = o["number"].(string), o["id"].(string), o["vendor_ref"].(string)
			break
		}
	}
	if !strings.HasPrefix(ref, "CG") || id == ref || ext == "" {
		t.Fatalf("no Kornit X order with a ref, an id and an external ref: %q %q %q", ref, id, ext)
	}
	for _, typed := range []string{ref, strings.ToLower(ref), id, ext, strings.TrimPrefix(ext, "#")} {
		r := sb.demo("show", typed)
		mustCode(t, r, 0)
		if first := strings.SplitN(r.stdout, "\n", 2)[0]; first != "Order "+ref+" (id "+id+") · demo-kornitx" {
			t.Errorf("show %s: %q", typed, first)
		}
	}
	r := sb.demo("set-status", ref, "8", "--tracking", "TRK-1")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "demo-kornitx: order "+ref+" is now Dispatched") {
		t.Errorf("set-status %s: %s", ref, r)
	}
	// A second dispatch is refused, naming the order by its ref.
	r = sb.demo("set-status", id, "128")
	mustCode(t, r, 1)
	oneLine(t, r, "order "+ref+" cannot move")

	r = sb.demo("journal", "--order", ref)
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, ref) || !strings.Contains(r.stdout, "→ Dispatched") || strings.Contains(r.stdout, " "+id+" ") {
		t.Errorf("journal --order %s does not name the order by its ref:\n%s", ref, r.stdout)
	}
	entries := journalEntries(t, sb, "--demo", "--order", ext)
	if len(entries) != 1 || entries[0]["order_number"] != ref || entries[0]["order_id"] != id {
		t.Errorf("journal --order %s: %v", ext, entries)
	}
}

// list shows each order's age and what is late or urgent, with a glyph
// and a word, and the same in JSON.
func TestListAgeAndLate(t *testing.T) {
	sb := newSandbox(t)
	r := sb.demo("list", "--store", "demo-kornitx")
	mustCode(t, r, 0)
	for _, want := range []string{"AGE", "DUE", lateMark, urgentMark} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the Kornit X list lacks %q:\n%s", want, r.stdout)
		}
	}
	orders := decodeJSON[[]map[string]any](t, sb.demo("list", "--store", "demo-kornitx", "--json").stdout)
	var late, urgent int
	for _, o := range orders {
		hasKeys(t, "list --json", o, "age", "late", "urgent")
		if age, ok := o["age"].(float64); !ok || age < 0 || age != float64(int64(age)) {
			t.Errorf("age %v is not whole seconds", o["age"])
		}
		if due, ok := o["due"].(string); ok {
			if _, err := time.Parse(time.RFC3339, due); err != nil {
				t.Errorf("due %q: %v", due, err)
			}
		}
		if o["late"] == true {
			late++
			if _, ok := o["due"]; !ok {
				t.Errorf("a late order without due: %v", o)
			}
		}
		if o["urgent"] == true {
			urgent++
		}
	}
	if late == 0 || urgent == 0 {
		t.Errorf("the demo's Kornit X page has %d late and %d urgent orders; want some of each", late, urgent)
	}
}

func TestListStatusKinds(t *testing.T) {
	sb := newSandbox(t)
	tests := []struct {
		store  string
		status []string
		kinds  []string // the kinds every order listed has
	}{
		{"demo-kornitx", []string{"pending"}, []string{"pending"}},
		{"demo-cscart", []string{"pending,processing"}, []string{"pending", "processing"}},
		{"demo-cscart", []string{"shipped", "P"}, []string{"shipped", "processing"}},
		{"demo-api2cart", []string{"Shipped,cancelled"}, []string{"shipped", "cancelled"}},
		{"demo-lunasoft", []string{"processing"}, []string{"processing"}}, // filtered here, page 1 only
	}
	for _, tt := range tests {
		args := []string{"list", "--store", tt.store, "--json"}
		for _, s := range tt.status {
			args = append(args, "--status", s)
		}
		r := sb.demo(args...)
		mustCode(t, r, 0)
		orders := decodeJSON[[]map[string]any](t, r.stdout)
		if len(orders) == 0 && tt.store != "demo-lunasoft" {
			t.Errorf("%s --status %v: no orders", tt.store, tt.status)
		}
		for _, o := range orders {
			k := o["status"].(map[string]any)["kind"].(string)
			if !strings.Contains(" "+strings.Join(tt.kinds, " ")+" ", " "+k+" ") {
				t.Errorf("%s --status %v listed an order of kind %s", tt.store, tt.status, k)
			}
		}
	}
	r := sb.demo("list", "--store", "demo-api2cart", "--status", "on_hold", "--json")
	mustCode(t, r, 0)
	if !strings.Contains(r.stderr, "demo-api2cart has no status of kind on_hold") || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("a kind the store has no status of: %s", r)
	}
	r = sb.demo("list", "--store", "demo-cscart", "--status", "shiped")
	mustCode(t, r, 1)
	oneLine(t, r, `no status "shiped"`)
}

func TestListSort(t *testing.T) {
	sb := newSandbox(t)
	for _, store := range []string{"demo-cscart", "demo-lunasoft", "demo-kornitx"} {
		for _, asc := range []bool{false, true} {
			args := []string{"list", "--store", store, "--sort", "total", "--json"}
			if asc {
				args = append(args, "--asc")
			}
			r := sb.demo(args...)
			mustCode(t, r, 0)
			orders := decodeJSON[[]map[string]any](t, r.stdout)
			for i := 1; i < len(orders); i++ {
				a, b := cents(t, orders[i-1]["total"].(string)), cents(t, orders[i]["total"].(string))
				if (asc && a > b) || (!asc && a < b) {
					t.Errorf("%s --sort total (asc %v): %d before %d", store, asc, a, b)
					break
				}
			}
		}
	}
	r := sb.demo("list", "--store", "demo-cscart", "--sort", "totl")
	mustCode(t, r, 2)
	if !strings.Contains(r.stderr, "(did you mean total?)") {
		t.Errorf("--sort totl: %s", r.stderr)
	}
}

func cents(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	var n int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			t.Fatalf("total %q is not a decimal", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
