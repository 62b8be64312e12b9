package lunasoftsim

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

var createdRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[67]00$`)

func TestListShape(t *testing.T) {
	s := start(t, Options{Orders: 120})
	l := list(t, s, "")
	if len(l.Orders) != 50 || l.NextPage != float64(2) {
		t.Fatalf("page 1: %d rows, next_page %#v", len(l.Orders), l.NextPage)
	}
	strs := []string{"id", "user_email", "current_status", "order_num", "total", "tax", "payment_option_id", "check_date",
		"transaction_id", "promo_code_discount", "shipping_cost", "created", "modified", "billing_country", "shipping_country"}
	bools := []string{"is_paid", "is_fulfilled", "web_order", "is_guest_checkout", "admin_created", "gift_cert_is_credit_voucher"}
	for _, o := range l.Orders {
		if _, ok := o["statuses"]; ok {
			t.Fatal("a list item carries statuses")
		}
		for _, k := range strs {
			if _, ok := o[k].(string); !ok {
				t.Fatalf("%s = %#v, want a string", k, o[k])
			}
		}
		for _, k := range bools {
			if _, ok := o[k].(bool); !ok {
				t.Fatalf("%s = %#v, want a boolean", k, o[k])
			}
		}
		for _, k := range []string{"gift_cert_id", "marketing_source_id", "modified_user_id"} {
			if v, ok := o[k]; !ok || v != nil {
				t.Fatalf("%s = %#v, want null", k, v)
			}
		}
		if !createdRE.MatchString(o["created"].(string)) {
			t.Fatalf("created %q is not in Lunasoft's Mountain-time format", o["created"])
		}
		if m := o["modified"].(string); m != "" && !createdRE.MatchString(m) {
			t.Fatalf("modified %q", m)
		}
		if o["payment_option_type"] != "check" && o["check_date"] != "0000-00-00" {
			t.Fatalf("check_date %v without a check", o["check_date"])
		}
		items := o["line_items"].([]any)
		if len(items) == 0 {
			t.Fatal("no line items")
		}
		for _, it := range items {
			li := it.(map[string]any)
			for _, k := range []string{"id", "product_id", "cost", "quantity", "total_cost"} {
				if _, ok := li[k].(string); !ok {
					t.Fatalf("line item %s = %#v", k, li[k])
				}
			}
			if li["shipment_info"] != nil {
				t.Fatal("shipment_info should be null")
			}
		}
	}
	if l := list(t, s, "page=3"); len(l.Orders) != 20 || l.NextPage != false {
		t.Fatalf("last page: %d rows, next_page %#v", len(l.Orders), l.NextPage)
	}
	if l := list(t, s, "page=4"); len(l.Orders) != 0 || l.NextPage != false {
		t.Fatalf("past the end: %d rows, next_page %#v", len(l.Orders), l.NextPage)
	}
	// (page-1)*50 must not wrap round to a negative offset.
	if l := list(t, s, "page=9223372036854775807"); len(l.Orders) != 0 || l.NextPage != false {
		t.Fatalf("page 2^63-1: %d rows, next_page %#v", len(l.Orders), l.NextPage)
	}
	// Exactly 100 orders: page 2 is the last, and says so.
	s100 := start(t, Options{Orders: 100})
	if l := list(t, s100, "page=2"); len(l.Orders) != 50 || l.NextPage != false {
		t.Fatalf("100 orders, page 2: %d rows, next_page %#v", len(l.Orders), l.NextPage)
	}
	// The whole list, page by page, is every order once, highest id first.
	var got []string
	for _, o := range allPages(t, s, "x=1") {
		got = append(got, o["id"].(string))
	}
	want := s.IDs()
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Fatalf("paging gave %d ids, want %d in -id order", len(got), len(want))
	}
	for q, want := range map[string]int{"page=0": 50, "page=-1": 50, "page=": 50} {
		if n := len(list(t, s, q).Orders); n != want {
			t.Errorf("%s: %d rows", q, n)
		}
	}
}

func TestListSort(t *testing.T) {
	s := start(t, Options{Orders: 150})
	type key struct {
		id      int
		created time.Time
	}
	tests := []struct {
		raw  string // the raw query value of sort
		less func(a, b key) bool
	}{
		{"", func(a, b key) bool { return a.id > b.id }},
		{"-id", func(a, b key) bool { return a.id > b.id }},
		{"id", func(a, b key) bool { return a.id < b.id }},
		{"%2Bid", func(a, b key) bool { return a.id < b.id }},
		{"+id", func(a, b key) bool { return a.id < b.id }}, // a raw + arrives as a space
		{"created", func(a, b key) bool { return a.created.Before(b.created) }},
		{"-created", func(a, b key) bool { return a.created.After(b.created) }},
		{"-created,%2Bid", func(a, b key) bool { return a.created.After(b.created) }},
		{"%2Bcreated,-id", func(a, b key) bool { return a.created.Before(b.created) }},
		{"created,id", func(a, b key) bool { return a.created.Before(b.created) }},
		{"-created,+id", func(a, b key) bool { return a.created.After(b.created) }},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			rows := allPages(t, s, "sort="+tt.raw)
			if len(rows) != 150 {
				t.Fatalf("%d rows", len(rows))
			}
			for i := 1; i < len(rows); i++ {
				a := key{atoi(t, rows[i-1]["id"]), parseCreated(t, rows[i-1]["created"])}
				b := key{atoi(t, rows[i]["id"]), parseCreated(t, rows[i]["created"])}
				if !tt.less(a, b) {
					t.Fatalf("rows %d and %d out of order: %+v, %+v", i-1, i, a, b)
				}
			}
		})
	}
	for _, bad := range []string{"total", "-", "id,bogus", "-created_at"} {
		code, _, body := call(t, "GET", s.URL()+"/orders?sort="+bad, "")
		if code != 400 {
			t.Errorf("sort=%s: %d", bad, code)
		}
		wantEnvelope(t, body, "400")
	}
}

func atoi(t testing.TB, v any) int {
	n, err := strconv.Atoi(v.(string))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestListFilters(t *testing.T) {
	s := start(t, Options{Orders: 300})
	all := allPages(t, s, "x=1")
	mid := atoi(t, all[len(all)/2]["id"])
	rows := allPages(t, s, "id="+strconv.Itoa(mid))
	want := 0
	for _, o := range all {
		if atoi(t, o["id"]) >= mid {
			want++
		}
	}
	if len(rows) != want {
		t.Fatalf("id>=%d: %d rows, want %d", mid, len(rows), want)
	}
	for _, o := range rows {
		if atoi(t, o["id"]) < mid {
			t.Fatalf("id %v below %d", o["id"], mid)
		}
	}

	cut := parseCreated(t, all[len(all)/3]["created"])
	count := func(after time.Time) int {
		n := 0
		for _, o := range all {
			if !parseCreated(t, o["created"]).Before(after) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		raw  string
		want time.Time
	}{
		{cut.Format("2006-01-02T15:04:05-0700"), cut},
		{cut.UTC().Format("2006-01-02T15:04:05Z"), cut},
		{cut.Format("2006-01-02T15:04:05") + "%2B01:00", mustTime(cut.Format("2006-01-02T15:04:05") + "+01:00")},
		{"2026-10-01", time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC)},              // local midnight, MDT
		{"2026-11-10%2012:00:00", time.Date(2026, 11, 10, 19, 0, 0, 0, time.UTC)}, // local noon, MST
	}
	for _, tt := range tests {
		rows := allPages(t, s, "created_on_after="+tt.raw)
		if n := count(tt.want); len(rows) != n || n == 0 {
			t.Errorf("created_on_after=%s: %d rows, want %d", tt.raw, len(rows), n)
		}
	}
	// Combined with id and a sort.
	rows = allPages(t, s, "sort=created&id="+strconv.Itoa(mid)+"&created_on_after="+cut.Format("2006-01-02T15:04:05-0700"))
	for _, o := range rows {
		if atoi(t, o["id"]) < mid || parseCreated(t, o["created"]).Before(cut) {
			t.Fatalf("row %v breaks a filter", o["id"])
		}
	}
	for _, bad := range []string{"created_on_after=yesterday", "created_on_after=2026-13-01", "created_on_after=2026-11-10T00:00:00+0100",
		"created_on_after=1700000000", "id=abc", "page=two"} {
		code, _, body := call(t, "GET", s.URL()+"/orders?"+bad, "")
		if code != 400 {
			t.Errorf("%s: %d, want 400", bad, code)
			continue
		}
		wantEnvelope(t, body, "400")
	}
}

func mustTime(v string) time.Time {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMountain(t *testing.T) {
	tests := []struct {
		utc  time.Time
		want string
	}{
		{time.Date(2026, 3, 8, 8, 59, 59, 0, time.UTC), "2026-03-08T01:59:59-0700"},
		{time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC), "2026-03-08T03:00:00-0600"},
		{time.Date(2026, 11, 1, 7, 59, 59, 0, time.UTC), "2026-11-01T01:59:59-0600"},
		{time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC), "2026-11-01T01:00:00-0700"},
		{time.Date(2015, 7, 15, 14, 50, 7, 0, time.UTC), "2015-07-15T08:50:07-0600"},
		{time.Date(2015, 4, 27, 23, 34, 31, 0, time.UTC), "2015-04-27T17:34:31-0600"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "2026-12-31T17:00:00-0700"},
	}
	for _, tt := range tests {
		if got := format(tt.utc); got != tt.want {
			t.Errorf("format(%v) = %s, want %s", tt.utc, got, tt.want)
		}
	}
	if format(time.Time{}) != "" {
		t.Error("the zero time should format as \"\"")
	}
}
