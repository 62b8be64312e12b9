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

// readList reads a GET …/orders answer; ok is false when the reader
// stopped or an order is not good.
func (c *Client) readList(body []byte) (orders []backend.Order, next wire.NextPage, ok bool) {
	r := wire.NewReader(body)
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "orders":
			orders = c.readRows(r)
		case "next_page":
			r.Decode(&next)
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
	limit := wire.PageLimit(pageSize)
	out := make([]backend.Order, 0, pageSize)
	for r.More() {
		if keyed {
			r.Key()
		}
		if len(out) == limit {
			r.Fail(wire.ErrShape)
			return nil
		}
		var w wireOrder
		w.read(r)
		if r.Err() != nil {
			return nil
		}
		o, _, err := c.checkedOrder(w)
		if err != nil {
			r.Fail(err)
			return nil
		}
		out = append(out, o)
	}
	return out
}

// readOneOrder reads one order object; ok is false when the reader stopped
// or the order is not good.
func (c *Client) readOneOrder(raw []byte) (backend.Order, []entry, bool) {
	r := wire.NewReader(raw)
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
			r.Decode(&w.ID)
		case "order_num":
			r.Decode(&w.OrderNum)
		case "current_status":
			r.Decode(&w.CurrentStatus)
		case "user_email":
			r.Decode(&w.UserEmail)
		case "first_name":
			r.Decode(&w.FirstName)
		case "last_name":
			r.Decode(&w.LastName)
		case "phone":
			r.Decode(&w.Phone)
		case "email":
			r.Decode(&w.Email)
		case "total":
			r.Decode(&w.Total)
		case "tax":
			r.Decode(&w.Tax)
		case "shipping_cost":
			r.Decode(&w.ShippingCost)
		case "customer_note":
			r.Decode(&w.CustomerNote)
		case "notes":
			r.Decode(&w.Notes)
		case "payment_option":
			r.Decode(&w.PaymentOption)
		case "card_type":
			r.Decode(&w.CardType)
		case "card_last_4":
			r.Decode(&w.CardLast4)
		case "shipping_option":
			r.Decode(&w.ShippingOption)
		case "billing_first_name":
			r.Decode(&w.BillingFirstName)
		case "billing_last_name":
			r.Decode(&w.BillingLastName)
		case "billing_phone":
			r.Decode(&w.BillingPhone)
		case "billing_company":
			r.Decode(&w.BillingCompany)
		case "billing_address":
			r.Decode(&w.BillingAddress)
		case "billing_address2":
			r.Decode(&w.BillingAddress2)
		case "billing_city":
			r.Decode(&w.BillingCity)
		case "billing_state":
			r.Decode(&w.BillingState)
		case "billing_zip":
			r.Decode(&w.BillingZip)
		case "billing_country":
			r.Decode(&w.BillingCountry)
		case "shipping_first_name":
			r.Decode(&w.ShippingFirstName)
		case "shipping_last_name":
			r.Decode(&w.ShippingLastName)
		case "shipping_phone":
			r.Decode(&w.ShippingPhone)
		case "shipping_company":
			r.Decode(&w.ShippingCompany)
		case "shipping_address":
			r.Decode(&w.ShippingAddress)
		case "shipping_address2":
			r.Decode(&w.ShippingAddress2)
		case "shipping_city":
			r.Decode(&w.ShippingCity)
		case "shipping_state":
			r.Decode(&w.ShippingState)
		case "shipping_zip":
			r.Decode(&w.ShippingZip)
		case "shipping_country":
			r.Decode(&w.ShippingCountry)
		case "created":
			r.Decode(&w.Created)
		case "modified":
			r.Decode(&w.Modified)
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
			r.Decode(&it.ID)
		case "product_id":
			r.Decode(&it.ProductID)
		case "name":
			r.Decode(&it.Name)
		case "model":
			r.Decode(&it.Model)
		case "sku":
			r.Decode(&it.SKU)
		case "cost":
			r.Decode(&it.Cost)
		case "quantity":
			r.Decode(&it.Quantity)
		case "total_cost":
			r.Decode(&it.TotalCost)
		default:
			r.Unknown(key)
		}
	}
}

func (e *wireEntry) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "id":
			r.Decode(&e.ID)
		case "status":
			r.Decode(&e.Status)
		case "notes":
			r.Decode(&e.Notes)
		case "notify_customer":
			r.Decode(&e.NotifyCustomer)
		case "created":
			r.Decode(&e.Created)
		case "created_user_id":
			r.Decode(&e.CreatedUserID)
		default:
			r.Unknown(key)
		}
	}
}

func (e *wireError) read(r *wire.Reader) {
	for r.Object(); r.More(); {
		switch key := r.Key(); string(key) {
		case "internal_message":
			r.Decode(&e.InternalMessage)
		case "user_message":
			r.Decode(&e.UserMessage)
		case "code":
			r.Decode(&e.Code)
		case "more_info":
			r.Decode(&e.MoreInfo)
		default:
			r.Unknown(key)
		}
	}
}
