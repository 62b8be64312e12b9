package api2cartsim

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend/sim"
)

// A cold walk (each order's first list) used to build orderJSON's maps
// and let encoding/json sort and encode them: ~30 µs and 300 allocations
// an order, a third of a second for 10,000, which made the simulator the
// cost of a 10,000-order walk. appendOrder writes the same bytes (map
// keys sorted, encoding/json's escaping, response_fields applied at every
// depth as prune does) straight into the page, with no allocation.
// orderJSON stays the reference: TestListCachedBytes and
// TestAppendOrderMatchesMarshal compare the two.

// objWriter writes one JSON object's members, those its selection takes.
type objWriter struct {
	b    *[]byte
	sel  *fieldTree
	n    int    // members written
	last string // the previous member offered, to keep keys sorted
}

func openObj(b *[]byte, sel *fieldTree) objWriter {
	*b = append(*b, '{')
	return objWriter{b: b, sel: sel}
}

func (w *objWriter) close() { *w.b = append(*w.b, '}') }

// checkKeyOrder makes key panic on a member out of order; the package's
// tests set it (the comparison is a tenth of the writer's time).
var checkKeyOrder = false

// key writes name's key when the selection takes it, and says what it
// takes of the value. Members must come in sorted order, as
// encoding/json writes a map's.
func (w *objWriter) key(name string) (*fieldTree, bool) {
	if checkKeyOrder {
		if name <= w.last {
			panic("api2cartsim: member " + name + " written after " + w.last)
		}
		w.last = name
	}
	sub, ok := w.sel.child(name)
	if !ok {
		return nil, false
	}
	if w.n > 0 {
		*w.b = append(*w.b, ',')
	}
	w.n++
	*w.b = append(*w.b, '"')
	*w.b = append(*w.b, name...) // member names are plain ASCII
	*w.b = append(*w.b, '"', ':')
	return sub, true
}

func (w *objWriter) str(name, s string) {
	if _, ok := w.key(name); ok {
		*w.b = appendString(*w.b, s)
	}
}

// strOrNull is orNull's value: null for "".
func (w *objWriter) strOrNull(name, s string) {
	if _, ok := w.key(name); ok {
		if s == "" {
			*w.b = append(*w.b, "null"...)
		} else {
			*w.b = appendString(*w.b, s)
		}
	}
}

// lit writes a literal: null, true, false, a number.
func (w *objWriter) lit(name, v string) {
	if _, ok := w.key(name); ok {
		*w.b = append(*w.b, v...)
	}
}

func (w *objWriter) int(name string, n int) {
	if _, ok := w.key(name); ok {
		*w.b = strconv.AppendInt(*w.b, int64(n), 10)
	}
}

func (w *objWriter) bool(name string, v bool) {
	if _, ok := w.key(name); ok {
		*w.b = strconv.AppendBool(*w.b, v)
	}
}

// money is money's value: a JSON number from cents, as sim.Money writes
// it.
func (w *objWriter) money(name string, cents int64) {
	if _, ok := w.key(name); ok {
		*w.b = appendMoney(*w.b, cents)
	}
}

// date is date's value, an object the selection may narrow; null for the
// zero time.
func (w *objWriter) date(name string, t time.Time) {
	sub, ok := w.key(name)
	if !ok {
		return
	}
	if t.IsZero() {
		*w.b = append(*w.b, "null"...)
		return
	}
	d := openObj(w.b, sub)
	d.lit("format", `"Y-m-d\\TH:i:sO"`)
	if _, ok := d.key("value"); ok {
		*w.b = append(*w.b, '"')
		*w.b = t.In(storeZone).AppendFormat(*w.b, "2006-01-02T15:04:05-0700")
		*w.b = append(*w.b, '"')
	}
	d.close()
}

// emptyList writes [] (a list the simulator never fills).
func (w *objWriter) emptyList(name string) { w.lit(name, "[]") }

// list writes n elements, each by elem under the member's selection.
func (w *objWriter) list(name string, n int, elem func(i int, sel *fieldTree)) {
	sub, ok := w.key(name)
	if !ok {
		return
	}
	*w.b = append(*w.b, '[')
	for i := range n {
		if i > 0 {
			*w.b = append(*w.b, ',')
		}
		elem(i, sub)
	}
	*w.b = append(*w.b, ']')
}

// appendOrder writes orderJSON(o) pruned to sel, byte for byte what
// json.Marshal(prune(orderJSON(o), sel)) gives.
func appendOrder(b []byte, o *order, sel *fieldTree) []byte {
	base := o.base
	w := openObj(&b, sel)
	w.lit("basket_id", "null")
	if sub, ok := w.key("billing_address"); ok {
		appendAddress(w.b, sub, base.Bill, `"2"`, "billing")
	}
	w.emptyList("bundles")
	w.lit("channel_id", "null")
	w.strOrNull("comment", base.Note)
	w.date("create_at", base.Created)
	if sub, ok := w.key("currency"); ok {
		appendCurrency(w.b, sub, base.Currency)
	}
	if sub, ok := w.key("customer"); ok {
		c := openObj(w.b, sub)
		c.str("email", base.Email)
		c.str("first_name", base.First)
		if _, ok := c.key("id"); ok {
			*c.b = append(*c.b, '"')
			if !base.Guest {
				*c.b = strconv.AppendInt(*c.b, int64(base.CustomerID), 10)
			}
			*c.b = append(*c.b, '"')
		}
		c.strOrNull("last_name", base.Last)
		c.strOrNull("phone", base.Phone)
		c.close()
	}
	if base.DiscountCents > 0 {
		w.list("discounts", 1, func(_ int, sel *fieldTree) {
			d := openObj(w.b, sel)
			d.str("code", base.PromoCode)
			d.str("type", "coupon")
			d.money("value", base.DiscountCents)
			d.close()
		})
	} else {
		w.emptyList("discounts")
	}
	if o.status == stComplete {
		w.date("finished_time", o.modified)
	} else {
		w.lit("finished_time", "null")
	}
	w.lit("gift_message", "null")
	w.str("id", o.id)
	w.date("modified_at", o.modified)
	w.lit("order_details_url", "null")
	w.str("order_id", o.id)
	w.list("order_products", len(o.products), func(i int, sel *fieldTree) {
		appendProduct(w.b, sel, o.products[i])
	})
	if sub, ok := w.key("payment_method"); ok {
		m := openObj(w.b, sub)
		m.str("name", base.Payment)
		m.close()
	}
	w.emptyList("refunds")
	if sub, ok := w.key("shipping_address"); ok {
		appendAddress(w.b, sub, base.Ship, "1", "shipping")
	}
	shipMethod := func(sel *fieldTree) {
		m := openObj(w.b, sel)
		m.str("name", base.ShipMethod)
		m.close()
	}
	if sub, ok := w.key("shipping_method"); ok {
		shipMethod(sub)
	}
	w.list("shipping_methods", 1, func(_ int, sel *fieldTree) { shipMethod(sel) })
	if sub, ok := w.key("status"); ok {
		appendStatus(w.b, sub, o)
	}
	w.str("store_id", "0")
	if sub, ok := w.key("total"); ok {
		t := openObj(w.b, sub)
		t.money("shipping_ex_tax", base.ShippingCents)
		t.money("subtotal_ex_tax", base.SubtotalCents())
		t.money("total", base.TotalCents())
		t.money("total_discount", base.DiscountCents)
		t.lit("total_paid", "null")
		t.money("total_tax", base.TaxCents)
		t.lit("wrapping_ex_tax", "0")
		t.close()
	}
	if sub, ok := w.key("totals"); ok {
		t := openObj(w.b, sub)
		t.money("discount", base.DiscountCents)
		t.money("shipping", base.ShippingCents)
		t.money("subtotal", base.SubtotalCents())
		t.money("tax", base.TaxCents)
		t.money("total", base.TotalCents())
		t.close()
	}
	w.emptyList("warehouses_ids")
	w.close()
	return b
}

// appendAddress is addressJSON's value; id is its literal.
func appendAddress(b *[]byte, sel *fieldTree, a sim.Address, id, kind string) {
	w := openObj(b, sel)
	w.str("address1", a.Line1)
	w.str("address2", a.Line2)
	w.lit("alias", "null")
	w.str("city", a.City)
	w.strOrNull("company", a.Company)
	if sub, ok := w.key("country"); ok {
		c := openObj(b, sub)
		c.str("code2", a.Country)
		c.str("code3", alpha3[a.Country])
		c.str("name", a.CountryName)
		c.close()
	}
	w.bool("default", kind == "shipping")
	w.lit("fax", "null")
	w.str("first_name", a.First)
	w.lit("gender", "null")
	w.lit("id", id)
	w.lit("identification_number", "null")
	w.strOrNull("last_name", a.Last)
	w.str("phone", a.Phone)
	w.str("phone_mobile", "")
	w.str("postcode", a.Postcode)
	w.lit("region", "null")
	if sub, ok := w.key("state"); ok {
		if a.Region == "" {
			*b = append(*b, "null"...)
		} else {
			s := openObj(b, sub)
			s.str("code", a.Region)
			s.str("name", a.RegionName)
			s.close()
		}
	}
	w.lit("tax_id", "null")
	w.str("type", kind)
	w.lit("website", "null")
	w.close()
}

// appendCurrency is currencyJSON's value.
func appendCurrency(b *[]byte, sel *fieldTree, code string) {
	c, ok := currencies[code]
	if !ok {
		c = [3]string{code, "", " " + code}
	}
	w := openObj(b, sel)
	w.bool("avail", true)
	w.bool("default", code == "EUR")
	w.str("id", code)
	w.str("iso3", code)
	w.str("name", c[0])
	w.lit("rate", "1")
	w.str("symbol_left", c[1])
	w.str("symbol_right", c[2])
	w.close()
}

func appendProduct(b *[]byte, sel *fieldTree, p product) {
	w := openObj(b, sel)
	w.lit("barcode", "null")
	w.lit("discount_amount", "0")
	w.str("model", p.it.SKU)
	w.str("name", p.it.Name)
	w.emptyList("options")
	w.str("order_product_id", p.orderProductID)
	w.lit("parent_order_product_id", "null")
	w.money("price", p.it.UnitCents)
	w.lit("price_inc_tax", "null")
	if _, ok := w.key("product_id"); ok {
		*b = append(*b, '"')
		*b = strconv.AppendInt(*b, int64(p.it.ProductID), 10)
		*b = append(*b, '"')
	}
	w.int("quantity", p.it.Qty)
	w.lit("tax_percent", "null")
	w.lit("tax_value", "null")
	w.lit("tax_value_after_discount", "null")
	w.money("total_price", p.it.TotalCents())
	w.lit("variant_id", "null")
	w.lit("weight", "null")
	w.lit("weight_unit", "null")
	w.close()
}

// appendStatus is the status object, its history oldest first.
func appendStatus(b *[]byte, sel *fieldTree, o *order) {
	name, _ := statusName(o.status)
	w := openObj(b, sel)
	w.list("history", len(o.history), func(i int, sel *fieldTree) {
		h := o.history[i]
		hname, _ := statusName(h.Status)
		e := openObj(b, sel)
		e.strOrNull("comment", h.Comment)
		e.str("id", h.Status)
		e.date("modified_time", h.At)
		e.str("name", hname)
		e.bool("notify", h.Notify)
		e.close()
	})
	w.str("id", o.status)
	w.str("name", name)
	w.lit("refund_info", "null")
	w.close()
}

// appendMoney writes cents as sim.Money does ("-12.05"), without fmt.
func appendMoney(b []byte, cents int64) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	return append(b, '.', byte('0'+cents%100/10), byte('0'+cents%10))
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string exactly as encoding/json does:
// HTML-safe (<, > and & escaped), control characters escaped, invalid
// UTF-8 as U+FFFD, U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
