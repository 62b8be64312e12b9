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

// readNames are the member names the read methods read.
var readNames = wire.NamesOf([]any{wireList{}, wireOrder{}}, "value", "format")

// readList reads a GET /orders answer of a page of size orders; ok is
// false when the reader stopped.
func (c *Client) readList(body []byte, size int) (orders []backend.Order, params listParams, ok bool) {
	r := wire.NewReader(body, readNames)
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
	r := wire.NewReader(raw, readNames)
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
	return wire.ReadRows(r, wire.PageLimit(size), min(size, maxPageSize), false, func(r *wire.Reader) (backend.Order, error) {
		var w wireOrder
		w.read(r)
		return c.checkedOrder(w)
	})
}

func (p *listParams) read(r *wire.Reader) {
	if r.Null() || !r.Object() {
		return
	}
	for r.More() {
		switch key := r.Key(); string(key) {
		case "page":
			p.Page.Read(r)
		case "items_per_page":
			p.ItemsPerPage.Read(r)
		case "total_items":
			if r.Null() {
				p.TotalItems = nil
				continue
			}
			if p.TotalItems == nil {
				p.TotalItems = new(wire.Int)
			}
			p.TotalItems.Read(r)
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
			w.OrderID.Read(r)
		case "status":
			w.Status.Read(r)
		case "timestamp":
			w.Timestamp.Read(r)
		case "updated_at":
			w.UpdatedAt.Read(r)
		case "firstname":
			w.Firstname.Read(r)
		case "lastname":
			w.Lastname.Read(r)
		case "company":
			w.Company.Read(r)
		case "email":
			w.Email.Read(r)
		case "phone":
			w.Phone.Read(r)
		case "total":
			w.Total.Read(r)
		case "subtotal":
			w.Subtotal.Read(r)
		case "subtotal_discount":
			w.SubtotalDiscount.Read(r)
		case "shipping_cost":
			w.ShippingCost.Read(r)
		case "tax_subtotal":
			w.TaxSubtotal.Read(r)
		case "notes":
			w.Notes.Read(r)
		case "details":
			w.Details.Read(r)
		case "products":
			readProducts(r, &w.Products)
		case "payment_method":
			w.PaymentMethod = r.Raw()
		case "shipping":
			w.Shipping = r.Raw()
		case "vendor_ref":
			w.VendorRef.Read(r)
		case "s_firstname":
			w.SFirstname.Read(r)
		case "s_lastname":
			w.SLastname.Read(r)
		case "s_address":
			w.SAddress.Read(r)
		case "s_address_2":
			w.SAddress2.Read(r)
		case "s_city":
			w.SCity.Read(r)
		case "s_state":
			w.SState.Read(r)
		case "s_state_descr":
			w.SStateDescr.Read(r)
		case "s_zipcode":
			w.SZipcode.Read(r)
		case "s_country":
			w.SCountry.Read(r)
		case "s_phone":
			w.SPhone.Read(r)
		case "b_firstname":
			w.BFirstname.Read(r)
		case "b_lastname":
			w.BLastname.Read(r)
		case "b_address":
			w.BAddress.Read(r)
		case "b_address_2":
			w.BAddress2.Read(r)
		case "b_city":
			w.BCity.Read(r)
		case "b_state":
			w.BState.Read(r)
		case "b_state_descr":
			w.BStateDescr.Read(r)
		case "b_zipcode":
			w.BZipcode.Read(r)
		case "b_country":
			w.BCountry.Read(r)
		case "b_phone":
			w.BPhone.Read(r)
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
			w.ItemID.Read(r)
		case "product_id":
			w.ProductID.Read(r)
		case "product_code":
			w.ProductCode.Read(r)
		case "product":
			w.Product.Read(r)
		case "amount":
			w.Amount.Read(r)
		case "price":
			w.Price.Read(r)
		case "subtotal":
			w.Subtotal.Read(r)
		default:
			r.Unknown(key)
		}
	}
}
