package cscart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// decodeOrder reads one order object. A full order (one with products) is
// Detailed, with an empty, non-nil history: CS-Cart keeps none.
func (c *Client) decodeOrder(raw []byte) (backend.Order, error) {
	var w wireOrder
	if err := json.Unmarshal(raw, &w); err != nil {
		return backend.Order{}, orderErr(raw, err)
	}
	if line(w.OrderID) == "" {
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
		return fmt.Errorf("order %s: %w", line(id.OrderID), err)
	}
	return err
}

func (c *Client) toOrder(w wireOrder) backend.Order {
	id := line(w.OrderID)
	o := backend.Order{
		Store:   c.cfg.Name,
		ID:      id,
		Number:  id,
		Status:  c.status(string(w.Status)),
		Created: w.Timestamp.Time,
		Updated: w.UpdatedAt.Time,
		Customer: backend.Customer{
			Name:  joinName(w.Firstname, w.Lastname),
			Email: line(w.Email),
			Phone: line(w.Phone),
		},
		Total:      string(w.Total),
		Currency:   c.currency,
		Subtotal:   string(w.Subtotal),
		Shipping:   string(w.ShippingCost),
		Tax:        string(w.TaxSubtotal),
		Discount:   nonZero(w.SubtotalDiscount),
		Notes:      text(w.Notes),
		AdminNotes: text(w.Details),
		Payment:    line(wire.String(nameIn(w.PaymentMethod, "payment"))),
		ShipMethod: line(wire.String(nameIn(w.Shipping, "shipping"))),
		VendorRef:  line(w.VendorRef),
		ShipTo: backend.Address{
			Name:     joinName(w.SFirstname, w.SLastname),
			Lines:    lines(w.SAddress, w.SAddress2),
			City:     line(w.SCity),
			Region:   firstOf(w.SState, w.SStateDescr),
			Postcode: line(w.SZipcode),
			Country:  strings.ToUpper(line(w.SCountry)),
			Phone:    line(w.SPhone),
		},
	}
	if o.Customer.Name == "" {
		o.Customer.Name = o.ShipTo.Name
	}
	bill := backend.Address{
		Name:     joinName(w.BFirstname, w.BLastname),
		Company:  line(w.Company),
		Lines:    lines(w.BAddress, w.BAddress2),
		City:     line(w.BCity),
		Region:   firstOf(w.BState, w.BStateDescr),
		Postcode: line(w.BZipcode),
		Country:  strings.ToUpper(line(w.BCountry)),
		Phone:    line(w.BPhone),
	}
	if bill.Name != "" || len(bill.Lines) > 0 || bill.City != "" || bill.Postcode != "" {
		o.BillTo = &bill
	}
	if w.Products != nil {
		o.Detailed = true
		o.History = []backend.Event{}
		o.Items = make([]backend.Item, 0, len(*w.Products))
		for _, p := range *w.Products {
			qty := quantity(p.Amount)
			o.Items = append(o.Items, backend.Item{
				SKU:      line(p.ProductCode),
				Name:     line(p.Product),
				Quantity: qty,
				Price:    string(p.Price),
				Total:    string(p.Subtotal),
			})
			o.ItemCount += qty
		}
	}
	return o
}

func lines(parts ...wire.String) []string {
	out := []string{}
	for _, p := range parts {
		if l := line(p); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func firstOf(parts ...wire.String) string {
	for _, p := range parts {
		if l := line(p); l != "" {
			return l
		}
	}
	return ""
}

// quantity is a unit count; fractional amounts (weight-sold goods) round.
func quantity(d wire.Decimal) int {
	f, err := strconv.ParseFloat(string(d), 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0
	}
	return int(math.Round(f))
}

// nonZero drops "0", "0.00" and the like: no discount is not a discount.
func nonZero(d wire.Decimal) string {
	if f, err := strconv.ParseFloat(string(d), 64); err != nil || f == 0 {
		return ""
	}
	return string(d)
}
