package api2cart

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"

	"github.com/orderdash/orderdash/backend/wire"
)

type pagination struct {
	Previous wire.String `json:"previous"`
	Next     wire.String `json:"next"`
}

// orderListResult is order.list's result, decoded in one pass; Order.Asked
// bounds how many orders are read.
type orderListResult struct {
	Order wire.Page[[]order] `json:"order"`
}

// looseListResult is order.list's result read order by order, to name the
// order that cannot be read or to accept PHP's empty shapes.
type looseListResult struct {
	Order many[json.RawMessage] `json:"order"`
}

type orderCountResult struct {
	OrdersCount *wire.Int `json:"orders_count"`
}

type updateResult struct {
	UpdatedItems wire.Int `json:"updated_items"`
}

type shipmentResult struct {
	ShipmentID wire.String `json:"shipment_id"`
}

// order is API2Cart's Order entity, reduced to what the dashboard shows.
type order struct {
	ID              wire.String   `json:"id"`
	OrderID         wire.String   `json:"order_id"`
	Customer        one[customer] `json:"customer"`
	CreateAt        wire.Time     `json:"create_at"`
	ModifiedAt      wire.Time     `json:"modified_at"`
	Currency        currency      `json:"currency"`
	ShippingAddress one[address]  `json:"shipping_address"`
	BillingAddress  one[address]  `json:"billing_address"`
	PaymentMethod   named         `json:"payment_method"`
	ShippingMethod  named         `json:"shipping_method"`
	ShippingMethods many[named]   `json:"shipping_methods"`
	Status          one[status]   `json:"status"`
	Totals          one[totals]   `json:"totals"`
	Total           one[total]    `json:"total"`
	OrderProducts   many[item]    `json:"order_products"`
	Comment         wire.String   `json:"comment"`
}

type customer struct {
	ID        wire.String `json:"id"`
	Email     wire.String `json:"email"`
	FirstName wire.String `json:"first_name"`
	LastName  wire.String `json:"last_name"`
	Phone     wire.String `json:"phone"`
}

type address struct {
	FirstName wire.String `json:"first_name"`
	LastName  wire.String `json:"last_name"`
	Company   wire.String `json:"company"`
	Address1  wire.String `json:"address1"`
	Address2  wire.String `json:"address2"`
	City      wire.String `json:"city"`
	Postcode  wire.String `json:"postcode"`
	Phone     wire.String `json:"phone"`
	Country   place       `json:"country"`
	State     place       `json:"state"`
}

// status is the order's current status with its history.
type status struct {
	ID      wire.String       `json:"id"`
	Name    wire.String       `json:"name"`
	History many[historyItem] `json:"history"`
}

type historyItem struct {
	ID           wire.String `json:"id"`
	Name         wire.String `json:"name"`
	ModifiedTime wire.Time   `json:"modified_time"`
	Notify       wire.Bool   `json:"notify"`
	Comment      wire.String `json:"comment"`
}

// totals is the short breakdown most carts fill.
type totals struct {
	Total    wire.Decimal `json:"total"`
	Subtotal wire.Decimal `json:"subtotal"`
	Shipping wire.Decimal `json:"shipping"`
	Tax      wire.Decimal `json:"tax"`
	Discount wire.Decimal `json:"discount"`
}

// total is the long breakdown; Amazon fills it while totals is null.
type total struct {
	Total         wire.Decimal `json:"total"`
	SubtotalExTax wire.Decimal `json:"subtotal_ex_tax"`
	ShippingExTax wire.Decimal `json:"shipping_ex_tax"`
	TotalTax      wire.Decimal `json:"total_tax"`
	TotalDiscount wire.Decimal `json:"total_discount"`
}

// itemFields is one order line.
type itemFields struct {
	ProductID      wire.String  `json:"product_id"`
	OrderProductID wire.String  `json:"order_product_id"`
	Model          wire.String  `json:"model"`
	Name           wire.String  `json:"name"`
	Price          wire.Decimal `json:"price"`
	Quantity       wire.Decimal `json:"quantity"`
	TotalPrice     wire.Decimal `json:"total_price"`
}

// item is an order line, which eBay's {*} answers wrap as
// {"product": [{...}]} (see line).
type item struct {
	itemFields
	Product one[itemFields] `json:"product"`
}

// line is the item's own fields, or the wrapped ones.
func (it item) line() itemFields {
	if it.Product.Set && it.Name == "" && it.ProductID == "" && it.OrderProductID == "" {
		return it.Product.V
	}
	return it.itemFields
}

// place is a country or state: {"code2"/"code","name"}, a bare code
// string, or either wrapped in an array.
type place struct {
	Code string
	Name string
}

func (p *place) UnmarshalJSON(b []byte) error {
	var o one[struct {
		Code  wire.String `json:"code"`
		Code2 wire.String `json:"code2"`
		Code3 wire.String `json:"code3"`
		Name  wire.String `json:"name"`
	}]
	code, err := textOr(b, "place", &o)
	*p = place{
		Code: cmp.Or(code, string(o.V.Code2), string(o.V.Code), string(o.V.Code3)),
		Name: string(o.V.Name),
	}
	return err
}

// currency is {"iso3","code","id"}, a bare code, or either in an array.
type currency struct{ Code string }

func (c *currency) UnmarshalJSON(b []byte) error {
	var o one[struct {
		ISO3 wire.String `json:"iso3"`
		Code wire.String `json:"code"`
		ID   wire.String `json:"id"`
	}]
	code, err := textOr(b, "currency", &o)
	*c = currency{Code: cmp.Or(code, string(o.V.ISO3), string(o.V.Code), string(o.V.ID))}
	return err
}

// named is a payment or shipping method: {"name"}, a bare string, or
// either in an array.
type named struct{ Name string }

func (n *named) UnmarshalJSON(b []byte) error {
	var o one[struct {
		Name wire.String `json:"name"`
	}]
	name, err := textOr(b, "name", &o)
	*n = named{Name: cmp.Or(name, string(o.V.Name))}
	return err
}

// textOr reads a field carts send either as a bare string, returned as
// text, or as an object (bare or in an array), decoded into o. The empty
// forms are neither. On an error both are left empty.
func textOr[T any](b []byte, what string, o *one[T]) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case isEmptyJSON(b):
		return "", nil
	case b[0] == '"':
		var s wire.String
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return string(s), nil
	case b[0] == '{' || b[0] == '[':
		if err := json.Unmarshal(b, o); err != nil {
			*o = one[T]{}
			return "", err
		}
		return "", nil
	}
	return "", fmt.Errorf("want a %s, got %.20s", what, b)
}

// statusEntry is one entry of order.status.list. The current shape is flat
// {"id","name"}; the seed's is nested {"status":[{"id":2,"name":...}]}.
type statusEntry struct {
	ID     wire.String       `json:"id"`
	Name   wire.String       `json:"name"`
	Status many[statusEntry] `json:"status"`
}

type statusListResult struct {
	CartOrderStatuses many[statusEntry] `json:"cart_order_statuses"`
}
