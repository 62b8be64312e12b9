package api2cart

import (
	"cmp"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// The one-pass reading of an order.list answer (see wire.Reader). Each
// read method decodes what encoding/json and the lenient types (one, many,
// place, currency, named) would decode, for the shapes carts send on a
// good day, and hands any other shape to UnmarshalJSON or stops the
// reader; the caller then falls back to encoding/json.

// readList reads an order.list answer to a page of asked orders; ok is
// false when the reader stopped or an order is not good.
func (c *Client) readList(body []byte, asked int) (orders []backend.Order, pag one[pagination], ok bool) {
	r := wire.NewReader(body)
	if !r.Object() {
		return nil, pag, false
	}
	for r.More() {
		switch key := r.Key(); string(key) {
		case "pagination":
			readOne(r, &pag)
		case "result":
			if r.Null() {
				continue
			}
			if !r.Object() {
				return nil, pag, false // PHP's empty result: see decodeAnswer
			}
			for r.More() {
				if key := r.Key(); string(key) == "order" {
					orders = c.readRows(r, asked)
				} else {
					r.Unknown(key)
				}
			}
		default:
			r.Unknown(key)
		}
	}
	if r.End() != nil {
		return nil, pag, false
	}
	if orders == nil {
		orders = []backend.Order{}
	}
	return orders, pag, true
}

// readRows reads the orders of a page, counting them: one more than
// wire.PageLimit(asked) stops the reader, and the encoding/json pass
// refuses the page in words.
func (c *Client) readRows(r *wire.Reader, asked int) []backend.Order {
	if r.Null() || !r.Array() {
		return nil
	}
	limit := wire.PageLimit(asked)
	out := make([]backend.Order, 0, min(max(asked, 0), limit, MaxPageSize))
	for r.More() {
		if len(out) == limit {
			r.Fail(wire.ErrShape)
			return nil
		}
		var w order
		if !r.Null() {
			w.read(r)
		}
		if r.Err() != nil {
			return nil
		}
		o, err := c.toOrder(w, false)
		if err != nil {
			r.Fail(err)
			return nil
		}
		out = append(out, o)
	}
	return out
}

// reader is a wire struct read from an object the reader is at; read
// returns how many members the object had.
type reader[T any] interface {
	*T
	read(r *wire.Reader) int
}

// readOne reads o as one's UnmarshalJSON does: null and {} are none, an
// object is the value; other shapes go to UnmarshalJSON.
func readOne[T any, P reader[T]](r *wire.Reader, o *one[T]) {
	switch r.Peek() {
	case 'n':
		r.Null()
		*o = one[T]{}
	case '{':
		*o = one[T]{}
		o.Set = P(&o.V).read(r) > 0
		if !o.Set {
			*o = one[T]{}
		}
	default:
		r.Decode(o)
	}
}

// readMany reads m as many's UnmarshalJSON does: an array of at most
// wire.MaxList objects (a null among them is a zero value), or one bare
// object; null, [] and {} are none. Other shapes go to UnmarshalJSON.
func readMany[T any, P reader[T]](r *wire.Reader, m *many[T]) {
	switch r.Peek() {
	case 'n':
		r.Null()
		*m = nil
	case '[':
		r.Array()
		var out many[T]
		for r.More() {
			if len(out) == wire.MaxList {
				r.Fail(wire.ErrShape)
				return
			}
			var v T
			switch r.Peek() {
			case 'n':
				r.Null()
			case '{':
				P(&v).read(r)
			default:
				r.Fail(wire.ErrShape)
				return
			}
			out = append(out, v)
		}
		*m = out
	case '{':
		var v T
		if P(&v).read(r) == 0 {
			*m = nil
		} else {
			*m = many[T]{v}
		}
	default:
		r.Decode(m)
	}
}

func (w *order) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "id":
			r.Decode(&w.ID)
		case "order_id":
			r.Decode(&w.OrderID)
		case "customer":
			readOne(r, &w.Customer)
		case "create_at":
			w.CreateAt.Read(r)
		case "modified_at":
			w.ModifiedAt.Read(r)
		case "currency":
			w.Currency.read(r)
		case "shipping_address":
			readOne(r, &w.ShippingAddress)
		case "billing_address":
			readOne(r, &w.BillingAddress)
		case "payment_method":
			w.PaymentMethod.read(r)
		case "shipping_method":
			w.ShippingMethod.read(r)
		case "shipping_methods":
			r.Decode(&w.ShippingMethods)
		case "status":
			readOne(r, &w.Status)
		case "totals":
			readOne(r, &w.Totals)
		case "total":
			readOne(r, &w.Total)
		case "order_products":
			readMany(r, &w.OrderProducts)
		case "comment":
			r.Decode(&w.Comment)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (p *pagination) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "previous":
			r.Decode(&p.Previous)
		case "next":
			r.Decode(&p.Next)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (cu *customer) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "id":
			r.Decode(&cu.ID)
		case "email":
			r.Decode(&cu.Email)
		case "first_name":
			r.Decode(&cu.FirstName)
		case "last_name":
			r.Decode(&cu.LastName)
		case "phone":
			r.Decode(&cu.Phone)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (a *address) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "first_name":
			r.Decode(&a.FirstName)
		case "last_name":
			r.Decode(&a.LastName)
		case "company":
			r.Decode(&a.Company)
		case "address1":
			r.Decode(&a.Address1)
		case "address2":
			r.Decode(&a.Address2)
		case "city":
			r.Decode(&a.City)
		case "postcode":
			r.Decode(&a.Postcode)
		case "phone":
			r.Decode(&a.Phone)
		case "country":
			a.Country.read(r)
		case "state":
			a.State.read(r)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (s *status) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "id":
			r.Decode(&s.ID)
		case "name":
			r.Decode(&s.Name)
		case "history":
			readMany(r, &s.History)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (h *historyItem) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "id":
			r.Decode(&h.ID)
		case "name":
			r.Decode(&h.Name)
		case "modified_time":
			h.ModifiedTime.Read(r)
		case "notify":
			r.Decode(&h.Notify)
		case "comment":
			r.Decode(&h.Comment)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (t *totals) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "total":
			r.Decode(&t.Total)
		case "subtotal":
			r.Decode(&t.Subtotal)
		case "shipping":
			r.Decode(&t.Shipping)
		case "tax":
			r.Decode(&t.Tax)
		case "discount":
			r.Decode(&t.Discount)
		default:
			r.Unknown(key)
		}
	}
	return n
}

func (t *total) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "total":
			r.Decode(&t.Total)
		case "subtotal_ex_tax":
			r.Decode(&t.SubtotalExTax)
		case "shipping_ex_tax":
			r.Decode(&t.ShippingExTax)
		case "total_tax":
			r.Decode(&t.TotalTax)
		case "total_discount":
			r.Decode(&t.TotalDiscount)
		default:
			r.Unknown(key)
		}
	}
	return n
}

// read reads an order line: its own fields, and the eBay wrapper's.
func (it *item) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		key := r.Key()
		if string(key) == "product" {
			readOne(r, &it.Product)
		} else if !it.itemFields.field(r, key) {
			r.Unknown(key)
		}
	}
	return n
}

func (f *itemFields) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		if key := r.Key(); !f.field(r, key) {
			r.Unknown(key)
		}
	}
	return n
}

// field reads the member named key, if it is one of f's.
func (f *itemFields) field(r *wire.Reader, key []byte) bool {
	switch string(key) {
	case "product_id":
		r.Decode(&f.ProductID)
	case "order_product_id":
		r.Decode(&f.OrderProductID)
	case "model":
		r.Decode(&f.Model)
	case "name":
		r.Decode(&f.Name)
	case "price":
		r.Decode(&f.Price)
	case "quantity":
		r.Decode(&f.Quantity)
	case "total_price":
		r.Decode(&f.TotalPrice)
	default:
		return false
	}
	return true
}

// read reads a place as UnmarshalJSON does when it is a bare code or an
// object.
func (p *place) read(r *wire.Reader) {
	var code, code2, code3, name wire.String
	switch r.Peek() {
	case '"':
		r.Decode(&code)
	case '{':
		for r.Object(); r.More(); {
			switch key := r.Key(); string(key) {
			case "code":
				r.Decode(&code)
			case "code2":
				r.Decode(&code2)
			case "code3":
				r.Decode(&code3)
			case "name":
				r.Decode(&name)
			default:
				r.Unknown(key)
			}
		}
		// A bare code and an object's code are one field here: the
		// object's wins after the two bare forms, as in UnmarshalJSON.
		*p = place{Code: cmp.Or(string(code2), string(code), string(code3)), Name: string(name)}
		return
	default:
		r.Decode(p)
		return
	}
	*p = place{Code: string(code)}
}

// read reads a currency as UnmarshalJSON does when it is a bare code or
// an object.
func (c *currency) read(r *wire.Reader) {
	switch r.Peek() {
	case '"':
		var code wire.String
		r.Decode(&code)
		*c = currency{Code: string(code)}
	case '{':
		var iso3, code, id wire.String
		for r.Object(); r.More(); {
			switch key := r.Key(); string(key) {
			case "iso3":
				r.Decode(&iso3)
			case "code":
				r.Decode(&code)
			case "id":
				r.Decode(&id)
			default:
				r.Unknown(key)
			}
		}
		*c = currency{Code: cmp.Or(string(iso3), string(code), string(id))}
	default:
		r.Decode(c)
	}
}

// read reads a method as UnmarshalJSON does when it is a bare name or an
// object.
func (m *named) read(r *wire.Reader) {
	var name wire.String
	switch r.Peek() {
	case '"':
		r.Decode(&name)
	case '{':
		for r.Object(); r.More(); {
			if key := r.Key(); string(key) == "name" {
				r.Decode(&name)
			} else {
				r.Unknown(key)
			}
		}
	default:
		r.Decode(m)
		return
	}
	*m = named{Name: string(name)}
}
