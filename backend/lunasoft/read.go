package lunasoft

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
var readNames = wire.NamesOf([]any{wireList{}, wireOrder{}})

// readList reads a GET …/orders answer; ok is false when the reader
// stopped or an order is not good.
func (c *Client) readList(body []byte) (orders []backend.Order, next wire.NextPage, ok bool) {
	r := wire.NewReader(body, readNames)
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "orders":
			orders = c.readRows(r)
		case "next_page":
			next.Read(r)
		default:
			r.Unknown(key)
		}
	}
	if r.End() != nil {
		return nil, 0, false
	}
	if orders == nil {
		orders = []backend.Order{}
	}
	return orders, next, true
}

// readRows reads the orders of a page (an array, or an object keyed by
// id), counting them: one more than the page may hold stops the reader,
// and the encoding/json pass refuses the page in words.
func (c *Client) readRows(r *wire.Reader) []backend.Order {
	keyed := r.Peek() == '{'
	switch {
	case r.Null():
		return nil
	case keyed:
		r.Object()
	default:
		r.Array() // false and "" stop the reader
	}
	return wire.ReadRows(r, wire.PageLimit(pageSize), pageSize, keyed, func(r *wire.Reader) (backend.Order, error) {
		var w wireOrder
		w.read(r)
		o, _, err := c.checkedOrder(w)
		return o, err
	})
}

// readOneOrder reads one order object; ok is false when the reader stopped
// or the order is not good.
func (c *Client) readOneOrder(raw []byte) (backend.Order, []entry, bool) {
	r := wire.NewReader(raw, readNames)
	var w wireOrder
	w.read(r)
	if r.End() != nil {
		return backend.Order{}, nil, false
	}
	o, hist, err := c.checkedOrder(w)
	return o, hist, err == nil
}

func (w *wireOrder) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "id":
			w.ID.Read(r)
		case "order_num":
			w.OrderNum.Read(r)
		case "current_status":
			w.CurrentStatus.Read(r)
		case "user_email":
			w.UserEmail.Read(r)
		case "first_name":
			w.FirstName.Read(r)
		case "last_name":
			w.LastName.Read(r)
		case "phone":
			w.Phone.Read(r)
		case "email":
			w.Email.Read(r)
		case "total":
			w.Total.Read(r)
		case "tax":
			w.Tax.Read(r)
		case "shipping_cost":
			w.ShippingCost.Read(r)
		case "customer_note":
			w.CustomerNote.Read(r)
		case "notes":
			w.Notes.Read(r)
		case "payment_option":
			w.PaymentOption.Read(r)
		case "card_type":
			w.CardType.Read(r)
		case "card_last_4":
			w.CardLast4.Read(r)
		case "shipping_option":
			w.ShippingOption.Read(r)
		case "billing_first_name":
			w.BillingFirstName.Read(r)
		case "billing_last_name":
			w.BillingLastName.Read(r)
		case "billing_phone":
			w.BillingPhone.Read(r)
		case "billing_company":
			w.BillingCompany.Read(r)
		case "billing_address":
			w.BillingAddress.Read(r)
		case "billing_address2":
			w.BillingAddress2.Read(r)
		case "billing_city":
			w.BillingCity.Read(r)
		case "billing_state":
			w.BillingState.Read(r)
		case "billing_zip":
			w.BillingZip.Read(r)
		case "billing_country":
			w.BillingCountry.Read(r)
		case "shipping_first_name":
			w.ShippingFirstName.Read(r)
		case "shipping_last_name":
			w.ShippingLastName.Read(r)
		case "shipping_phone":
			w.ShippingPhone.Read(r)
		case "shipping_company":
			w.ShippingCompany.Read(r)
		case "shipping_address":
			w.ShippingAddress.Read(r)
		case "shipping_address2":
			w.ShippingAddress2.Read(r)
		case "shipping_city":
			w.ShippingCity.Read(r)
		case "shipping_state":
			w.ShippingState.Read(r)
		case "shipping_zip":
			w.ShippingZip.Read(r)
		case "shipping_country":
			w.ShippingCountry.Read(r)
		case "created":
			w.Created.Read(r)
		case "modified":
			w.Modified.Read(r)
		case "line_items":
			w.LineItems.Read(r, (*wireItem).read)
		case "statuses":
			if r.Null() {
				w.Statuses = nil
				continue
			}
			if w.Statuses == nil {
				w.Statuses = new(wire.List[wireEntry])
			}
			w.Statuses.Read(r, (*wireEntry).read)
		case "errors":
			w.Errors.Read(r, (*wireError).read)
		default:
			r.Unknown(key)
		}
	}
}

func (it *wireItem) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "id":
			it.ID.Read(r)
		case "product_id":
			it.ProductID.Read(r)
		case "name":
			it.Name.Read(r)
		case "model":
			it.Model.Read(r)
		case "sku":
			it.SKU.Read(r)
		case "cost":
			it.Cost.Read(r)
		case "quantity":
			it.Quantity.Read(r)
		case "total_cost":
			it.TotalCost.Read(r)
		default:
			r.Unknown(key)
		}
	}
}

func (e *wireEntry) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "id":
			e.ID.Read(r)
		case "status":
			e.Status.Read(r)
		case "notes":
			e.Notes.Read(r)
		case "notify_customer":
			e.NotifyCustomer.Read(r)
		case "created":
			e.Created.Read(r)
		case "created_user_id":
			e.CreatedUserID.Read(r)
		default:
			r.Unknown(key)
		}
	}
}

func (e *wireError) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "internal_message":
			e.InternalMessage.Read(r)
		case "user_message":
			e.UserMessage.Read(r)
		case "code":
			e.Code.Read(r)
		case "more_info":
			e.MoreInfo.Read(r)
		default:
			r.Unknown(key)
		}
	}
}
