package cscart

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/orderdash/orderdash/backend/wire"
)

// wireOrder is an order as GET /orders/{id} (and GET /orders with
// get_orders_data=1) sends it; the short list rows are a subset.
type wireOrder struct {
	OrderID   wire.String `json:"order_id"`
	Status    wire.String `json:"status"`
	Timestamp wire.Time   `json:"timestamp"`
	UpdatedAt wire.Time   `json:"updated_at"`

	Firstname wire.String `json:"firstname"`
	Lastname  wire.String `json:"lastname"`
	Company   wire.String `json:"company"`
	Email     wire.String `json:"email"`
	Phone     wire.String `json:"phone"`

	Total            wire.Decimal `json:"total"`
	Subtotal         wire.Decimal `json:"subtotal"`
	SubtotalDiscount wire.Decimal `json:"subtotal_discount"`
	ShippingCost     wire.Decimal `json:"shipping_cost"`
	TaxSubtotal      wire.Decimal `json:"tax_subtotal"`

	Notes   wire.String `json:"notes"`
	Details wire.String `json:"details"`

	// Products is present only in full orders: a pointer tells a short
	// list row (nil) from an order without products (empty).
	Products      *wire.List[wireProduct] `json:"products"`
	PaymentMethod json.RawMessage         `json:"payment_method"`
	Shipping      json.RawMessage         `json:"shipping"`
	VendorRef     wire.String             `json:"vendor_ref"`

	SFirstname  wire.String `json:"s_firstname"`
	SLastname   wire.String `json:"s_lastname"`
	SAddress    wire.String `json:"s_address"`
	SAddress2   wire.String `json:"s_address_2"`
	SCity       wire.String `json:"s_city"`
	SState      wire.String `json:"s_state"`
	SStateDescr wire.String `json:"s_state_descr"`
	SZipcode    wire.String `json:"s_zipcode"`
	SCountry    wire.String `json:"s_country"`
	SPhone      wire.String `json:"s_phone"`
	BFirstname  wire.String `json:"b_firstname"`
	BLastname   wire.String `json:"b_lastname"`
	BAddress    wire.String `json:"b_address"`
	BAddress2   wire.String `json:"b_address_2"`
	BCity       wire.String `json:"b_city"`
	BState      wire.String `json:"b_state"`
	BStateDescr wire.String `json:"b_state_descr"`
	BZipcode    wire.String `json:"b_zipcode"`
	BCountry    wire.String `json:"b_country"`
	BPhone      wire.String `json:"b_phone"`
}

// wireProduct is one entry of an order's products object.
type wireProduct struct {
	ItemID      wire.String  `json:"item_id"`
	ProductID   wire.String  `json:"product_id"`
	ProductCode wire.String  `json:"product_code"`
	Product     wire.String  `json:"product"`
	Amount      wire.Decimal `json:"amount"`
	Price       wire.Decimal `json:"price"`
	Subtotal    wire.Decimal `json:"subtotal"`
}

// wireList is GET /orders; Orders.Asked bounds how many rows are read.
type wireList struct {
	Orders wire.Page[[]json.RawMessage] `json:"orders"`
	Params listParams                   `json:"params"`
}

// listParams is how the store paged a GET /orders answer.
type listParams struct {
	Page         wire.Int  `json:"page"`
	ItemsPerPage wire.Int  `json:"items_per_page"`
	TotalItems   *wire.Int `json:"total_items"`
}

// wireStatus is one entry of GET /statuses.
type wireStatus struct {
	StatusID    wire.String `json:"status_id"`
	Status      wire.String `json:"status"`
	Type        wire.String `json:"type"`
	Description wire.String `json:"description"`
}

// errorMessage pulls the platform's words out of an error body:
// {"message","messages"?,"errors"?,"status"}. Each part is read on its
// own, so one oddly typed field does not lose the others.
func errorMessage(body []byte) (msg, code string) {
	// Named fields, not a map: a map would hold every key of a body of
	// millions.
	var obj struct {
		Message  json.RawMessage `json:"message"`
		Messages json.RawMessage `json:"messages"`
		Errors   json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(bytes.TrimSpace(body), &obj) != nil {
		return "", ""
	}
	var parts []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		for _, p := range parts {
			if p == s {
				return
			}
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	var m wire.String
	if json.Unmarshal(obj.Message, &m) == nil {
		add(string(m))
	}
	for _, raw := range []json.RawMessage{obj.Messages, obj.Errors} {
		var list wire.List[json.RawMessage]
		if json.Unmarshal(raw, &list) != nil {
			continue
		}
		for _, raw := range list {
			var s wire.String
			if json.Unmarshal(raw, &s) == nil {
				add(string(s))
			}
		}
	}
	return strings.Join(parts, ": "), ""
}

// nameIn reads a display name out of a loosely typed field: the value of
// key in an object, in the first element of an array, or in the first
// value of an object keyed by id (payment_method, shipping). Anything
// else gives "": these fields are for display only.
func nameIn(raw json.RawMessage, key string) string {
	if name, ok := readName(raw, key); ok {
		return name
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if wire.Len(raw) > wire.MaxList {
		return "" // no method has a thousand parts
	}
	switch raw[0] {
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return ""
		}
		if v, ok := obj[key]; ok {
			var s wire.String
			if json.Unmarshal(v, &s) == nil {
				return string(s)
			}
			return ""
		}
		var first wire.List[json.RawMessage]
		if json.Unmarshal(raw, &first) == nil && len(first) > 0 {
			return nameIn(first[0], key)
		}
	case '[':
		if first, ok := wire.First(raw); ok {
			return nameIn(first, key)
		}
	}
	return ""
}

// readName is nameIn in one pass, without a map; ok is false where the
// reader stopped.
func readName(raw []byte, key string) (name string, ok bool) {
	r := wire.NewReader(raw, nil) // names are matched exactly, as in a map
	var found, first []byte
	n := 0
	switch r.Peek() {
	case 0:
		return "", len(bytes.TrimSpace(raw)) == 0
	case '{':
		r.Object()
		for r.More() {
			k := r.Key()
			v := r.Raw()
			if string(k) == key {
				found = v
			}
			if n == 0 {
				first = v
			}
			n++
		}
	case '[':
		r.Array()
		for r.More() {
			v := r.Raw()
			if n == 0 {
				first = v
			}
			n++
		}
	default:
		r.Skip()
	}
	switch {
	case r.End() != nil:
		return "", false
	case n > wire.MaxList:
		return "", true // no method has a thousand parts
	case found != nil:
		var s wire.String
		if s.UnmarshalJSON(found) != nil {
			return "", true
		}
		return string(s), true
	case first != nil:
		return nameIn(first, key), true
	}
	return "", true
}
