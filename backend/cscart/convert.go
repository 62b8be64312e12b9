package cscart

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// decodeOrder reads one order object (httpx.Decode words a detail answer
// that is cut short or not JSON). A full order (one with products) is
// Detailed, with an empty, non-nil history: CS-Cart keeps none.
func (c *Client) decodeOrder(raw []byte) (backend.Order, error) {
	if o, ok := c.readOrder(raw); ok {
		return o, nil
	}
	return c.decodeOrderJSON(raw)
}

// decodeOrderJSON is decodeOrder through encoding/json, which reads the
// shapes the one-pass reader does not take and words the errors.
func (c *Client) decodeOrderJSON(raw []byte) (backend.Order, error) {
	var w wireOrder
	if err := httpx.Decode(raw, &w); err != nil {
		return backend.Order{}, orderErr(raw, err)
	}
	return c.checkedOrder(w)
}

// checkedOrder is w in the domain, once its id is found good.
func (c *Client) checkedOrder(w wireOrder) (backend.Order, error) {
	switch id, err := backend.FieldID(w.OrderID); {
	case err != nil:
		return backend.Order{}, err
	case id == "":
		return backend.Order{}, fmt.Errorf("an order without order_id")
	}
	return c.toOrder(w), nil
}

// orderErr names the order a decoding error is about, where its id can
// still be read.
func orderErr(raw []byte, err error) error {
	var id struct {
		OrderID wire.String `json:"order_id"`
	}
	if json.Unmarshal(raw, &id) == nil && id.OrderID != "" {
		return fmt.Errorf("order %s: %w", backend.FieldLine(id.OrderID), err)
	}
	return err
}

func (c *Client) toOrder(w wireOrder) backend.Order {
	id := backend.FieldLine(w.OrderID)
	o := backend.Order{
		Store:   c.cfg.Name,
		ID:      id,
		Number:  id,
		Status:  c.status(string(w.Status)),
		Created: w.Timestamp.Time,
		Updated: w.UpdatedAt.Time,
		Customer: backend.Customer{
			Name:  backend.JoinFields(w.Firstname, w.Lastname),
			Email: backend.FieldLine(w.Email),
			Phone: backend.FieldLine(w.Phone),
		},
		Total:      string(w.Total),
		Currency:   c.currency,
		Subtotal:   string(w.Subtotal),
		Shipping:   string(w.ShippingCost),
		Tax:        string(w.TaxSubtotal),
		Discount:   nonZero(w.SubtotalDiscount),
		Notes:      backend.FieldText(w.Notes),
		AdminNotes: backend.FieldText(w.Details),
		Payment:    backend.FieldLine(nameIn(w.PaymentMethod, "payment")),
		ShipMethod: backend.FieldLine(nameIn(w.Shipping, "shipping")),
		VendorRef:  backend.FieldLine(w.VendorRef),
		ShipTo: backend.Address{
			Name:     backend.JoinFields(w.SFirstname, w.SLastname),
			Lines:    backend.FieldLines(w.SAddress, w.SAddress2),
			City:     backend.FieldLine(w.SCity),
			Region:   backend.FirstField(w.SState, w.SStateDescr),
			Postcode: backend.FieldLine(w.SZipcode),
			Country:  strings.ToUpper(backend.FieldLine(w.SCountry)),
			Phone:    backend.FieldLine(w.SPhone),
		},
	}
	if o.Customer.Name == "" {
		o.Customer.Name = o.ShipTo.Name
	}
	bill := backend.Address{
		Name:     backend.JoinFields(w.BFirstname, w.BLastname),
		Company:  backend.FieldLine(w.Company),
		Lines:    backend.FieldLines(w.BAddress, w.BAddress2),
		City:     backend.FieldLine(w.BCity),
		Region:   backend.FirstField(w.BState, w.BStateDescr),
		Postcode: backend.FieldLine(w.BZipcode),
		Country:  strings.ToUpper(backend.FieldLine(w.BCountry)),
		Phone:    backend.FieldLine(w.BPhone),
	}
	if bill.Name != "" || len(bill.Lines) > 0 || bill.City != "" || bill.Postcode != "" {
		o.BillTo = &bill
	}
	if w.Products != nil {
		o.Detailed = true
		o.History = []backend.Event{}
		o.Items = make([]backend.Item, 0, len(*w.Products))
		for _, p := range *w.Products {
			qty := p.Amount.Units()
			o.Items = append(o.Items, backend.Item{
				SKU:      backend.FieldLine(p.ProductCode),
				Name:     backend.FieldLine(p.Product),
				Quantity: qty,
				Price:    string(p.Price),
				Total:    string(p.Subtotal),
			})
			o.ItemCount = backend.AddUnits(o.ItemCount, qty)
		}
	}
	return o
}

// nonZero drops "0", "0.00" and the like: no discount is not a discount.
func nonZero(d wire.Decimal) string {
	if f, err := strconv.ParseFloat(string(d), 64); err != nil || f == 0 {
		return ""
	}
	return string(d)
}

// decodeList reads a GET /orders answer of a page of size orders: in one
// pass (readList) where it can, else row by row through encoding/json,
// which words what is wrong with it.
func (c *Client) decodeList(body []byte, size int) ([]backend.Order, listParams, error) {
	if orders, params, ok := c.readList(body, size); ok {
		return orders, params, nil
	}
	return c.decodeListJSON(body, size)
}

// decodeListJSON is decodeList through encoding/json.
func (c *Client) decodeListJSON(body []byte, size int) ([]backend.Order, listParams, error) {
	w := wireList{Orders: wire.Page[[]json.RawMessage]{Asked: size}}
	if err := httpx.Decode(body, &w); err != nil {
		return nil, listParams{}, err
	}
	out := make([]backend.Order, 0, len(w.Orders.List))
	for _, raw := range w.Orders.List {
		o, err := c.decodeOrder(raw)
		if err != nil {
			return nil, listParams{}, err
		}
		out = append(out, o)
	}
	return out, w.Params, nil
}
