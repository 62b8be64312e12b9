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

// readNames are the member names the read methods read: the wire types'
// and those of the objects place, currency and named read, and of a date.
var readNames = wire.NamesOf([]any{answer[orderListResult]{}, answer[one[order]]{}},
	"code", "code2", "code3", "name", "iso3", "id", "value", "format")

// readList reads an order.list answer to a page of asked orders; ok is
// false when the reader stopped or an order is not good.
func (c *Client) readList(body []byte, asked int) (orders []backend.Order, pag one[pagination], ok bool) {
	r := wire.NewReader(body, readNames)
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

// readInfo reads an order.info answer's result; ok is false when the
// reader stopped.
func readInfo(body []byte) (res one[order], ok bool) {
	r := wire.NewReader(body, readNames)
	var pag one[pagination] // read to be refused as encoding/json refuses it
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "pagination":
			readOne(r, &pag)
		case "result":
			readOne(r, &res)
		default:
			r.Unknown(key)
		}
	}
	if r.End() != nil {
		return one[order]{}, false
	}
	return res, true
}

// readRows reads the orders of a page, counting them: one more than
// wire.PageLimit(asked) stops the reader, and the encoding/json pass
// refuses the page in words.
func (c *Client) readRows(r *wire.Reader, asked int) []backend.Order {
	if r.Null() || !r.Array() {
		return nil
	}
	return wire.ReadRows(r, wire.PageLimit(asked), min(asked, MaxPageSize), false, func(r *wire.Reader) (backend.Order, error) {
		var w order
		if !r.Null() {
			w.read(r)
		}
		return c.toOrder(w, false)
	})
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
		wire.Unmarshal(r, o)
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
		wire.Unmarshal(r, m)
	}
}

func (w *order) read(r *wire.Reader) int {
	n := 0
	for r.Object(); r.More(); n++ {
		switch key := r.Key(); string(key) {
		case "id":
			w.ID.Read(r)
		case "order_id":
			w.OrderID.Read(r)
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
			wire.Unmarshal(r, &w.ShippingMethods)
		case "status":
			readOne(r, &w.Status)
		case "totals":
			readOne(r, &w.Totals)
		case "total":
			readOne(r, &w.Total)
		case "order_products":
			readMany(r, &w.OrderProducts)
		case "comment":
			w.Comment.Read(r)
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
			p.Previous.Read(r)
		case "next":
			p.Next.Read(r)
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
			cu.ID.Read(r)
		case "email":
			cu.Email.Read(r)
		case "first_name":
			cu.FirstName.Read(r)
		case "last_name":
			cu.LastName.Read(r)
		case "phone":
			cu.Phone.Read(r)
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
			a.FirstName.Read(r)
		case "last_name":
			a.LastName.Read(r)
		case "company":
			a.Company.Read(r)
		case "address1":
			a.Address1.Read(r)
		case "address2":
			a.Address2.Read(r)
		case "city":
			a.City.Read(r)
		case "postcode":
			a.Postcode.Read(r)
		case "phone":
			a.Phone.Read(r)
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
			s.ID.Read(r)
		case "name":
			s.Name.Read(r)
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
			h.ID.Read(r)
		case "name":
			h.Name.Read(r)
		case "modified_time":
			h.ModifiedTime.Read(r)
		case "notify":
			h.Notify.Read(r)
		case "comment":
			h.Comment.Read(r)
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
			t.Total.Read(r)
		case "subtotal":
			t.Subtotal.Read(r)
		case "shipping":
			t.Shipping.Read(r)
		case "tax":
			t.Tax.Read(r)
		case "discount":
			t.Discount.Read(r)
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
			t.Total.Read(r)
		case "subtotal_ex_tax":
			t.SubtotalExTax.Read(r)
		case "shipping_ex_tax":
			t.ShippingExTax.Read(r)
		case "total_tax":
			t.TotalTax.Read(r)
		case "total_discount":
			t.TotalDiscount.Read(r)
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
		f.ProductID.Read(r)
	case "order_product_id":
		f.OrderProductID.Read(r)
	case "model":
		f.Model.Read(r)
	case "name":
		f.Name.Read(r)
	case "price":
		f.Price.Read(r)
	case "quantity":
		f.Quantity.Read(r)
	case "total_price":
		f.TotalPrice.Read(r)
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
		code.Read(r)
	case '{':
		for r.Object(); r.More(); {
			switch key := r.Key(); string(key) {
			case "code":
				code.Read(r)
			case "code2":
				code2.Read(r)
			case "code3":
				code3.Read(r)
			case "name":
				name.Read(r)
			default:
				r.Unknown(key)
			}
		}
		// A bare code and an object's code are one field here: the
		// object's wins after the two bare forms, as in UnmarshalJSON.
		*p = place{Code: cmp.Or(string(code2), string(code), string(code3)), Name: string(name)}
		return
	default:
		wire.Unmarshal(r, p)
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
		code.Read(r)
		*c = currency{Code: string(code)}
	case '{':
		var iso3, code, id wire.String
		for r.Object(); r.More(); {
			switch key := r.Key(); string(key) {
			case "iso3":
				iso3.Read(r)
			case "code":
				code.Read(r)
			case "id":
				id.Read(r)
			default:
				r.Unknown(key)
			}
		}
		*c = currency{Code: cmp.Or(string(iso3), string(code), string(id))}
	default:
		wire.Unmarshal(r, c)
	}
}

// read reads a method as UnmarshalJSON does when it is a bare name or an
// object.
func (m *named) read(r *wire.Reader) {
	var name wire.String
	switch r.Peek() {
	case '"':
		name.Read(r)
	case '{':
		for r.Object(); r.More(); {
			if key := r.Key(); string(key) == "name" {
				name.Read(r)
			} else {
				r.Unknown(key)
			}
		}
	default:
		wire.Unmarshal(r, m)
		return
	}
	*m = named{Name: string(name)}
}
