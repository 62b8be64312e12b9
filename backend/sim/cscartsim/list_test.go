package cscartsim

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var shortKeys = []string{"order_id", "issuer_id", "user_id", "is_parent_order", "parent_order_id", "company_id",
	"timestamp", "firstname", "lastname", "email", "phone", "status", "total", "invoice_id", "credit_memo_id"}

func TestListShape(t *testing.T) {
	s := start(t, Options{})
	l := list(t, s, "")
	if len(l.Orders) != 10 {
		t.Fatalf("default page has %d rows, want 10", len(l.Orders))
	}
	for _, o := range l.Orders {
		if len(o) != len(shortKeys) {
			t.Errorf("row has %d keys, want %d: %v", len(o), len(shortKeys), o)
		}
		for _, k := range shortKeys {
			v, ok := o[k]
			if !ok {
				t.Fatalf("row lacks %q", k)
			}
			if _, isStr := v.(string); !isStr && v != nil {
				t.Errorf("%s = %v (%T), want a string or null", k, v, v)
			}
		}
		if o["issuer_id"] != nil || o["invoice_id"] != nil {
			t.Errorf("issuer_id/invoice_id should be null: %v", o)
		}
	}
	p := l.Params
	if p["page"] != float64(1) {
		t.Errorf("params.page = %#v, want the number 1", p["page"])
	}
	if p["items_per_page"] != "10" || p["sort_by"] != "date" || p["sort_order"] != "desc" || p["sort_order_rev"] != "asc" {
		t.Errorf("params %v", p)
	}
	visible := 0
	for _, id := range s.IDs() {
		if o, _ := s.Order(id); o.Status != "N" {
			visible++
		}
	}
	if p["total_items"] != strconv.Itoa(visible) {
		t.Errorf("total_items %v, want %d (N hidden)", p["total_items"], visible)
	}
	// Newest first by default: the highest id that is not N.
	newest := ""
	for _, id := range s.IDs() {
		if s.mustStatus(t, id) != "N" {
			newest = id
		}
	}
	if l.Orders[0]["order_id"] != newest {
		t.Errorf("first row %v, want the newest order %s", l.Orders[0]["order_id"], newest)
	}
}

func (s *Server) mustStatus(t *testing.T, id string) string {
	o, ok := s.Order(id)
	if !ok {
		t.Fatalf("no order %s", id)
	}
	return o.Status
}

func TestListPaging(t *testing.T) {
	s := start(t, Options{})
	all := ids(list(t, s, "items_per_page=0"))
	if len(all) == 0 || len(all) >= 200 {
		t.Fatalf("items_per_page=0 gave %d rows", len(all))
	}
	for _, per := range []int{1, 7, 10, 50, 500} {
		var got []string
		for page := 1; ; page++ {
			l := list(t, s, fmt.Sprintf("items_per_page=%d&page=%d", per, page))
			if l.Params["page"] != float64(page) || l.Params["items_per_page"] != strconv.Itoa(per) {
				t.Fatalf("params %v", l.Params)
			}
			if len(l.Orders) == 0 {
				break
			}
			if len(l.Orders) > per {
				t.Fatalf("page of %d rows with items_per_page %d", len(l.Orders), per)
			}
			got = append(got, ids(l)...)
		}
		if !slices.Equal(got, all) {
			t.Fatalf("items_per_page=%d: paging gave %d rows, want %d in the same order", per, len(got), len(all))
		}
	}
	// PHP-ish readings of odd values.
	for q, want := range map[string]int{
		"items_per_page=abc":       len(all), // (int)"abc" is 0: no limit
		"items_per_page=":          len(all),
		"items_per_page=5xyz":      5,
		"items_per_page=3&page=0":  3,
		"items_per_page=3&page=-2": 3,
		"page=999":                 0,
	} {
		if n := len(list(t, s, q).Orders); n != want {
			t.Errorf("%s: %d rows, want %d", q, n, want)
		}
	}
}

func TestListSort(t *testing.T) {
	s := start(t, Options{})
	key := func(o map[string]any, by string) []string {
		switch by {
		case "customer":
			return []string{strings.ToLower(o["lastname"].(string)), strings.ToLower(o["firstname"].(string))}
		case "email":
			return []string{strings.ToLower(o["email"].(string))}
		case "status":
			return []string{o["status"].(string)}
		}
		return nil
	}
	num := func(o map[string]any, by string) float64 {
		field := map[string]string{"date": "timestamp", "order_id": "order_id", "total": "total"}[by]
		f, err := strconv.ParseFloat(o[field].(string), 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, by := range []string{"date", "order_id", "status", "total", "customer", "email", "bogus", ""} {
		for _, order := range []string{"asc", "desc", "ASC", "sideways"} {
			l := list(t, s, "items_per_page=0&sort_by="+by+"&sort_order="+order)
			effBy := by
			if by == "bogus" || by == "" {
				effBy = "date"
			}
			asc := strings.EqualFold(order, "asc")
			if l.Params["sort_by"] != effBy {
				t.Errorf("sort_by=%s: params.sort_by %v", by, l.Params["sort_by"])
			}
			for i := 1; i < len(l.Orders); i++ {
				a, b := l.Orders[i-1], l.Orders[i]
				var c int
				if k := key(a, effBy); k != nil {
					c = slices.Compare(k, key(b, effBy))
				} else {
					c = cmp.Compare(num(a, effBy), num(b, effBy))
				}
				if c == 0 {
					c = cmp.Compare(num(a, "order_id"), num(b, "order_id"))
				}
				if (asc && c > 0) || (!asc && c < 0) || c == 0 {
					t.Fatalf("sort_by=%s sort_order=%s: rows %d and %d out of order: %v / %v", by, order, i-1, i, a, b)
				}
			}
		}
	}
}

func TestListFilters(t *testing.T) {
	s := start(t, Options{Orders: 400})
	byStatus := map[string]int{}
	var snaps []Order
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		byStatus[o.Status]++
		snaps = append(snaps, o)
	}
	for _, letter := range []string{"N", "O", "P", "C", "I"} {
		if byStatus[letter] == 0 {
			t.Fatalf("no generated order has status %s: %v", letter, byStatus)
		}
	}
	count := func(ok func(Order) bool) int {
		n := 0
		for _, o := range snaps {
			if ok(o) {
				n++
			}
		}
		return n
	}
	median := snaps[len(snaps)/2].Updated.Unix()
	email := strings.ToUpper(snaps[10].Email[1:5])
	tests := []struct {
		query string
		want  func(Order) bool
	}{
		{"status=P", func(o Order) bool { return o.Status == "P" }},
		{"status[]=P&status[]=C", func(o Order) bool { return o.Status == "P" || o.Status == "C" }},
		{"status[0]=O&status[1]=I", func(o Order) bool { return o.Status == "O" || o.Status == "I" }},
		{"status=N", func(o Order) bool { return o.Status == "N" }},
		{"status=", func(o Order) bool { return o.Status != "N" }},
		{"include_incompleted=1", func(Order) bool { return true }},
		{"email=" + email, func(o Order) bool { return strings.Contains(strings.ToLower(o.Email), strings.ToLower(email)) }},
		{"email=nobody-at-all", func(Order) bool { return false }},
		{fmt.Sprintf("updated_at_from=%d", median), func(o Order) bool { return o.Status != "N" && o.Updated.Unix() >= median }},
		{fmt.Sprintf("updated_at_to=%d", median), func(o Order) bool { return o.Status != "N" && o.Updated.Unix() <= median }},
		{fmt.Sprintf("updated_at_from=%d&updated_at_to=%d", median, median+86400*3), func(o Order) bool {
			return o.Status != "N" && o.Updated.Unix() >= median && o.Updated.Unix() <= median+86400*3
		}},
		// PHP's (int) cast: a date string reads as its year, i.e. 1970.
		{"updated_at_from=2026-11-01", func(o Order) bool { return o.Status != "N" }},
		{"updated_at_to=2026-11-01", func(Order) bool { return false }},
		{"updated_at_from=abc", func(o Order) bool { return o.Status != "N" }},
		{"updated_at_from=0", func(o Order) bool { return o.Status != "N" }},
		{fmt.Sprintf("updated_at_from=%d.9", median), func(o Order) bool { return o.Status != "N" && o.Updated.Unix() >= median }},
		{"order_id=1001,1005,1010,9999", func(o Order) bool {
			return o.Status != "N" && (o.ID == "1001" || o.ID == "1005" || o.ID == "1010")
		}},
		{"status=C&email=example.org", func(o Order) bool { return o.Status == "C" && strings.Contains(o.Email, "example.org") }},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			l := list(t, s, "items_per_page=0&"+tt.query)
			want := count(tt.want)
			if len(l.Orders) != want || l.Params["total_items"] != strconv.Itoa(want) {
				t.Fatalf("%d rows, total_items %v, want %d", len(l.Orders), l.Params["total_items"], want)
			}
			for _, row := range l.Orders {
				o, _ := s.Order(row["order_id"].(string))
				if !tt.want(o) {
					t.Fatalf("row %v should not match", row)
				}
			}
		})
	}
	// The filter echoes back in params.
	l := list(t, s, "status[]=P&status[]=C&email=x")
	if st, ok := l.Params["status"].([]any); !ok || len(st) != 2 || l.Params["email"] != "x" {
		t.Errorf("params do not echo the filters: %v", l.Params)
	}
}

func TestListFullRows(t *testing.T) {
	s := start(t, Options{})
	l := list(t, s, "items_per_page=3&get_orders_data=1")
	if len(l.Orders) != 3 {
		t.Fatalf("%d rows", len(l.Orders))
	}
	for _, o := range l.Orders {
		if _, ok := o["products"].(map[string]any); !ok {
			t.Fatalf("full row lacks a products object: %v", o["products"])
		}
		if _, ok := o["s_city"]; !ok {
			t.Fatal("full row lacks s_city")
		}
	}
}
