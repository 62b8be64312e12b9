package api2cartsim

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// Every test checks that the writer offers members in sorted order.
func init() { checkKeyOrder = true }

// appendOrder must write what json.Marshal(prune(orderJSON(o), sel))
// writes, for every order and any selection, before and after writes.
func TestAppendOrderMatchesMarshal(t *testing.T) {
	s, clk := start(t, Options{Orders: 1500})
	sels := []string{
		"", // everything
		"{result{order{id,order_id,create_at,modified_at,currency,customer,status{id,name},totals,total," +
			"shipping_address{first_name,last_name,company,address1,address2,city,postcode,phone,country,state}," +
			"order_products{product_id,model,name,price,quantity,total_price,product}}}}",
		"{result{order{*}}}",
		"{result{order{create_at{value},finished_time{format},status{history{id,comment},refund_info{x}}}}}",
		"{result{order{shipping_address{state{code},country{name}},billing_address{*},discounts{value}}}}",
		"{result{order{store_id{x},order_products{nothing}}}}",
		"{result{order{no_such_field}}}",
	}
	check := func(stage string) {
		t.Helper()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, f := range sels {
			var esel *fieldTree
			if f != "" {
				sel, err := resultSelection(f, "", "", "order")
				if err != nil {
					t.Fatalf("%q: %v", f, err)
				}
				esel, _ = sel.child("order")
			}
			for _, o := range s.orders {
				want, err := json.Marshal(prune(orderJSON(o), esel))
				if err != nil {
					t.Fatal(err)
				}
				if got := appendOrder(nil, o, esel); !bytes.Equal(got, want) {
					i := 0
					for i < len(want) && i < len(got) && want[i] == got[i] {
						i++
					}
					t.Fatalf("%s, order %s, fields %q, from byte %d:\n got %.160s\nwant %.160s", stage, o.id, f, i, got[i:], want[i:])
				}
			}
		}
	}
	check("generated")
	// Writes that put text needing escapes into the history.
	s.mu.Lock()
	for i, c := range []string{"<refund> & co", "tab\there\nline \u2028 \x01 \"q\" \\", "bad \xff utf8 📦"} {
		clk.Add(time.Hour)
		s.applyUpdate(Update{OrderID: itoa(3 + i), To: stComplete, Comment: c, At: clk.Now()})
	}
	s.mu.Unlock()
	check("after writes")
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>", "\x00\x1f\x7f", "\b\f\n\r\t", "\u2028\u2029", "\xff\xfe", "é📦", "\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, json.Marshal %s", s, got, want)
		}
	})
}

func TestAppendMoney(t *testing.T) {
	for _, c := range []int64{0, 5, 10, 99, 100, 105, 123456, -1, -250, -100000} {
		if got, want := string(appendMoney(nil, c)), string(money(c)); got != want {
			t.Errorf("appendMoney(%d) = %s, want %s", c, got, want)
		}
	}
}

// BenchmarkEncodeOrder is one order's first list encoding under the
// client's selection: the direct writer against the maps and
// encoding/json it replaced.
func BenchmarkEncodeOrder(b *testing.B) {
	s, err := Start(Options{Orders: 100})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sel, err := resultSelection("{result{order{id,order_id,create_at,modified_at,currency,customer,status{id,name},totals,total,"+
		"shipping_address{first_name,last_name,company,address1,address2,city,postcode,phone,country,state},"+
		"order_products{product_id,model,name,price,quantity,total_price,product}}}}", "", "", "order")
	if err != nil {
		b.Fatal(err)
	}
	esel, _ := sel.child("order")
	o := s.orders[5]
	buf := make([]byte, 0, 8<<10)
	checkKeyOrder = false
	defer func() { checkKeyOrder = true }()
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = appendOrder(buf[:0], o, esel)
		}
	})
	b.Run("maps", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(prune(orderJSON(o), esel)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
