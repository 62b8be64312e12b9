package cscart

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// The one-pass reading of the answers orderdash reads most: a page of
// orders and an order (see wire.Reader). Each read method decodes what
// encoding/json would decode into the same wire type, and stops the
// reader at anything it does not take; the caller then falls back to
// encoding/json.

// readList reads a GET /orders answer of a page of size orders; ok is
// false when the reader stopped.
func (c *Client) readList(body []byte, size int) (orders []backend.Order, params listParams, ok bool) {
	r := wire.NewReader(body)
	if !r.Object() {
		return nil, params, false
	}
	for r.More() {
		switch key := r.Key(); string(key) {
		case "orders":
			orders = c.readRows(r, size)
		case "params":
			params.read(r)
		default:
			r.Unknown(key)
		}
	}
	if r.End() != nil {
		return nil, params, false
	}
	if orders == nil {
		orders = []backend.Order{}
	}
	return orders, params, true
}

// readOrder reads one order object; ok is false when the reader stopped
// or the order is not good.
func (c *Client) readOrder(raw []byte) (backend.Order, bool) {
	r := wire.NewReader(raw)
	var w wireOrder
	w.read(r)
	if r.End() != nil {
		return backend.Order{}, false
	}
	o, err := c.checkedOrder(w)
	return o, err == nil
}

// readRows reads the orders of a page, counting them as it goes: one more
// than the page may hold stops the reader, and encoding/json's pass
// refuses the page in words.
func (c *Client) readRows(r *wire.Reader, size int) []backend.Order {
	if r.Null() {
		return nil
	}
	if !r.Array() {
		return nil // rows keyed by id: encoding/json reads those
	}
	limit := wire.PageLimit(size)
	out := make([]backend.Order, 0, min(max(size, 0), limit, maxPageSize))
	for r.More() {
		if len(out) == limit {
			r.Fail(wire.ErrShape)
			return nil
		}
		var w wireOrder
		w.read(r)
		if r.Err() != nil {
			return nil
		}
		o, err := c.checkedOrder(w)
		if err != nil {
			r.Fail(err)
			return nil
		}
		out = append(out, o)
	}
	return out
}

func (p *listParams) read(r *wire.Reader) {
	if r.Null() || !r.Object() {
		return
	}
	for r.More() {
		switch key := r.Key(); string(key) {
		case "page":
			r.Decode(&p.Page)
		case "items_per_page":
			r.Decode(&p.ItemsPerPage)
		case "total_items":
			if r.Null() {
				p.TotalItems = nil
				continue
			}
			if p.TotalItems == nil {
				p.TotalItems = new(wire.Int)
			}
			r.Decode(p.TotalItems)
		default:
			r.Unknown(key)
		}
	}
}

func (w *wireOrder) read(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.More() {
		switch key := r.Key(); string(key) {
		case "order_id":
			r.Decode(&w.OrderID)
		case "status":
			r.Decode(&w.Status)
		case "timestamp":
			r.Decode(&w.Timestamp)
		case "updated_at":
			r.Decode(&w.UpdatedAt)
		case "firstname":
			r.Decode(&w.Firstname)
		case "lastname":
			r.Decode(&w.Lastname)
		case "company":
			r.Decode(&w.Company)
		case "email":
			r.Decode(&w.Email)
		case "phone":
			r.Decode(&w.Phone)
		case "total":
			r.Decode(&w.Total)
		case "subtotal":
			r.Decode(&w.Subtotal)
		case "subtotal_discount":
			r.Decode(&w.SubtotalDiscount)
		case "shipping_cost":
			r.Decode(&w.ShippingCost)
		case "tax_subtotal":
			r.Decode(&w.TaxSubtotal)
		case "notes":
			r.Decode(&w.Notes)
		case "details":
			r.Decode(&w.Details)
		case "products":
			readProducts(r, &w.Products)
		case "payment_method":
			w.PaymentMethod = r.Raw()
		case "shipping":
			w.Shipping = r.Raw()
		case "vendor_ref":
			r.Decode(&w.VendorRef)
		case "s_firstname":
			r.Decode(&w.SFirstname)
		case "s_lastname":
			r.Decode(&w.SLastname)
		case "s_address":
			r.Decode(&w.SAddress)
		case "s_address_2":
			r.Decode(&w.SAddress2)
		case "s_city":
			r.Decode(&w.SCity)
		case "s_state":
			r.Decode(&w.SState)
		case "s_state_descr":
			r.Decode(&w.SStateDescr)
		case "s_zipcode":
			r.Decode(&w.SZipcode)
		case "s_country":
			r.Decode(&w.SCountry)
		case "s_phone":
			r.Decode(&w.SPhone)
		case "b_firstname":
			r.Decode(&w.BFirstname)
		case "b_lastname":
			r.Decode(&w.BLastname)
		case "b_address":
			r.Decode(&w.BAddress)
		case "b_address_2":
			r.Decode(&w.BAddress2)
		case "b_city":
			r.Decode(&w.BCity)
		case "b_state":
			r.Decode(&w.BState)
		case "b_state_descr":
			r.Decode(&w.BStateDescr)
		case "b_zipcode":
			r.Decode(&w.BZipcode)
		case "b_country":
			r.Decode(&w.BCountry)
		case "b_phone":
			r.Decode(&w.BPhone)
		default:
			r.Unknown(key)
		}
	}
}

// readProducts reads products as *wire.List[wireProduct] decodes them: a
// null is none; anything else is a list, also false and "" (PHP's none).
func readProducts(r *wire.Reader, p **wire.List[wireProduct]) {
	if r.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(wire.List[wireProduct])
	}
	(*p).Read(r, (*wireProduct).read)
}

func (w *wireProduct) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "item_id":
			r.Decode(&w.ItemID)
		case "product_id":
			r.Decode(&w.ProductID)
		case "product_code":
			r.Decode(&w.ProductCode)
		case "product":
			r.Decode(&w.Product)
		case "amount":
			r.Decode(&w.Amount)
		case "price":
			r.Decode(&w.Price)
		case "subtotal":
			r.Decode(&w.Subtotal)
		default:
			r.Unknown(key)
		}
	}
}
