package kornitx

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// PushedOrder is the Order Push API's JSON (developers.kornitx.net
// "Supplier API"), decoded leniently: numbers may come as strings, dates
// as "YYYY-MM-DD HH:MM:SS" without a zone or as zeros, lists as null.
// Fields the dashboard does not show (billing details, pdfs, artwork) stay
// in the raw body the store keeps.
type PushedOrder struct {
	ID                  wire.Int              `json:"id"`
	Ref                 wire.String           `json:"ref"`
	ExternalRef         wire.String           `json:"external_ref"`
	CompanyRefID        wire.String           `json:"company_ref_id"`
	Status              wire.Int              `json:"status"`
	StatusName          wire.String           `json:"status_name"`
	ShippingCompany     wire.String           `json:"shipping_company"`
	ShippingAddress1    wire.String           `json:"shipping_address_1"`
	ShippingAddress2    wire.String           `json:"shipping_address_2"`
	ShippingAddress3    wire.String           `json:"shipping_address_3"`
	ShippingAddress4    wire.String           `json:"shipping_address_4"`
	ShippingAddress5    wire.String           `json:"shipping_address_5"`
	ShippingPostcode    wire.String           `json:"shipping_postcode"`
	ShippingCountryCode wire.String           `json:"shipping_country_code"`
	ShippingCountry     wire.String           `json:"shipping_country"`
	CustomerName        wire.String           `json:"customer_name"`
	CustomerEmail       wire.String           `json:"customer_email"`
	CustomerTelephone   wire.String           `json:"customer_telephone"`
	BillingName         wire.String           `json:"billing_customer_name"`
	BillingEmail        wire.String           `json:"billing_customer_email"`
	BillingTelephone    wire.String           `json:"billing_customer_telephone"`
	SaleDatetime        wire.String           `json:"sale_datetime"`
	CreationDatetime    wire.String           `json:"creation_datetime"`
	RequiredDispatch    wire.String           `json:"required_dispatch_date"`
	ShippingMethod      wire.String           `json:"shipping_method"`
	ShippingCarrier     wire.String           `json:"shipping_carrier"`
	ShippingTracking    wire.String           `json:"shipping_tracking"`
	ShippingPrice       wire.Decimal          `json:"shipping_price"`
	PaymentType         wire.String           `json:"payment_type"`
	AdditionalInfo      wire.String           `json:"additional_info"`
	IsUrgent            wire.Bool             `json:"is_urgent"`
	HasError            wire.Bool             `json:"has_error"`
	ErrorMessage        wire.String           `json:"error_message"`
	CurrencyCode        wire.String           `json:"currency_code"`
	Items               wire.List[PushedItem] `json:"items"`
}

// PushedItem is one order line. The public example shows only id,
// sale_vat_rate and external_ref; the other names are read where present
// under the names Kornit X's order APIs use.
type PushedItem struct {
	ID            wire.Int     `json:"id"`
	ExternalRef   wire.String  `json:"external_ref"`
	SKU           wire.String  `json:"sku"`
	ExternalSKU   wire.String  `json:"external_sku"`
	Description   wire.String  `json:"description"`
	Name          wire.String  `json:"name"`
	Quantity      wire.Int     `json:"quantity"`
	UnitSalePrice wire.Decimal `json:"unit_sale_price"`
	Price         wire.Decimal `json:"price"`
}

// Bounds of a push. Text fields are not refused for their length: a long
// name is no reason to lose an order, so Order cuts each one to the bound
// of backend's Field helpers (MaxFieldLine, MaxFieldText for notes), and
// the body as a whole is bounded by the receiver's max_body. Numbers are
// refused beyond these bounds, since a price or a count past them is a
// broken field, and computing with it (1e999999 as an exact rational)
// would cost seconds of CPU.
const (
	// maxItems bounds the lines of one order: a push with more is not an
	// order a person will pick.
	maxItems = 1000
	// maxQuantity bounds one line's quantity; with maxItems it keeps an
	// order's item count far from overflowing.
	maxQuantity = 1_000_000
	// maxMoneyExp bounds a price's exponent (PHP writes 0.00001 as 1.0e-5;
	// nothing priced needs more). Its length is wire.Decimal's to bound.
	maxMoneyExp = 20
)

// ParsePush decodes and checks a pushed order's body. It is lenient in
// how values are written and strict in what must be there: a positive
// id and 1 to maxItems items, each with a quantity of 1 to maxQuantity,
// and prices of at most 32 characters (wire.Decimal refuses longer ones
// while decoding) with an exponent of at most ±maxMoneyExp.
func ParsePush(body []byte) (PushedOrder, error) {
	var p PushedOrder
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return p, errors.New("empty body")
	}
	if trimmed[0] != '{' {
		return p, errors.New("the body is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&p); err != nil {
		return p, fmt.Errorf("the JSON could not be read: %w", err)
	}
	if dec.More() {
		return p, errors.New("data after the JSON object")
	}
	switch {
	case p.ID <= 0:
		return p, errors.New("id is missing or not a positive integer")
	case len(p.Items) == 0:
		return p, errors.New("items is missing or empty")
	case len(p.Items) > maxItems:
		return p, fmt.Errorf("%d items: more than %d", len(p.Items), maxItems)
	}
	if err := checkMoney("shipping_price", p.ShippingPrice); err != nil {
		return p, err
	}
	for i, it := range p.Items {
		if err := it.check(); err != nil {
			return p, fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	return p, nil
}

func (it PushedItem) check() error {
	switch {
	case it.Quantity < 0:
		return fmt.Errorf("negative quantity %d", it.Quantity)
	case it.Quantity == 0:
		return errors.New("quantity is missing or 0: want at least 1")
	case it.Quantity > maxQuantity:
		return fmt.Errorf("quantity %d is more than %d", it.Quantity, maxQuantity)
	}
	if err := checkMoney("unit_sale_price", it.UnitSalePrice); err != nil {
		return err
	}
	return checkMoney("price", it.Price)
}

// checkMoney refuses a price too far from 1 to be money. It looks only at
// the text (wire.Decimal has already checked its shape and length), so its
// cost does not grow with the exponent.
func checkMoney(field string, d wire.Decimal) error {
	s := string(d)
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return nil
	}
	exp := strings.TrimLeft(s[i+1:], "+-")
	if n, err := strconv.Atoi(exp); err != nil || n > maxMoneyExp {
		return fmt.Errorf("%s %q: exponent beyond ±%d", field, s, maxMoneyExp)
	}
	return nil
}

// OrderID is the id the Order Status API takes for this order.
func (p PushedOrder) OrderID() string { return strconv.FormatInt(int64(p.ID), 10) }

// Order converts a push to the domain. Dates carry no zone and are read in
// loc; the initial status is Kornit X's (1 Received on a new push).
func (p PushedOrder) Order(store, currency string, loc *time.Location, kinds backend.KindMap) backend.Order {
	cur := strings.ToUpper(backend.FieldLine(p.CurrencyCode))
	if cur == "" {
		cur = currency
	}
	o := backend.Order{
		Store:  store,
		ID:     p.OrderID(),
		Number: backend.FieldLine(p.Ref),
		Status: statusOf(int(p.Status), string(p.StatusName), kinds),
		// customer_* is who the parcel goes to; billing_customer_* (when
		// set) who bought it, which is what Customer means here.
		Customer: backend.Customer{
			Name:  backend.FirstField(p.BillingName, p.CustomerName),
			Email: backend.FirstField(p.BillingEmail, p.CustomerEmail),
			Phone: backend.FirstField(p.BillingTelephone, p.CustomerTelephone),
		},
		Currency:   cur,
		Shipping:   decimal(p.ShippingPrice),
		Notes:      backend.FieldText(p.AdditionalInfo),
		Payment:    backend.FieldLine(p.PaymentType),
		ShipMethod: backend.Clip(backend.JoinFields(p.ShippingCarrier, p.ShippingMethod), backend.MaxFieldLine),
		Tracking:   backend.FieldLine(p.ShippingTracking),
		VendorRef:  backend.FieldLine(p.ExternalRef),
		Items:      []backend.Item{},
		Detailed:   true,
	}
	if o.Number == "" {
		o.Number = o.ID
	}
	o.Created = parseTime(string(p.SaleDatetime), loc)
	if o.Created.IsZero() {
		o.Created = parseTime(string(p.CreationDatetime), loc)
	}
	o.DispatchBy = dispatchDeadline(string(p.RequiredDispatch), loc)
	o.Urgent = bool(p.IsUrgent)
	var admin []string
	if p.IsUrgent {
		admin = append(admin, "URGENT")
	}
	if !o.DispatchBy.IsZero() {
		admin = append(admin, "dispatch by "+o.DispatchBy.In(loc).AddDate(0, 0, -1).Format("2006-01-02"))
	}
	if p.HasError {
		msg := backend.FieldLine(p.ErrorMessage)
		if msg == "" {
			msg = "Kornit X flags an error on this order"
		}
		admin = append(admin, "error: "+msg)
	}
	o.AdminNotes = backend.Clip(strings.Join(admin, "; "), backend.MaxFieldText)
	// Address lines 1-2 are the street, 3 the town, 4 the county or state,
	// 5 whatever is left (the sample leaves their meaning unsaid; this is
	// how the UK-style five-line address is usually filled).
	o.ShipTo = backend.Address{
		Name:     cmp.Or(backend.FieldLine(p.CustomerName), o.Customer.Name),
		Phone:    backend.FieldLine(p.CustomerTelephone),
		Company:  backend.FieldLine(p.ShippingCompany),
		City:     backend.FieldLine(p.ShippingAddress3),
		Region:   backend.FieldLine(p.ShippingAddress4),
		Postcode: backend.FieldLine(p.ShippingPostcode),
		Country:  strings.ToUpper(backend.FieldLine(p.ShippingCountryCode)),
		Lines:    backend.FieldLines(p.ShippingAddress1, p.ShippingAddress2, p.ShippingAddress5),
	}
	if o.ShipTo.Country == "" {
		o.ShipTo.Country = backend.FieldLine(p.ShippingCountry)
	}
	for _, it := range p.Items {
		item := backend.Item{
			SKU:      backend.FirstField(it.SKU, it.ExternalSKU, it.ExternalRef),
			Name:     backend.FirstField(it.Description, it.Name),
			Quantity: int(it.Quantity),
			Price:    cmp.Or(decimal(it.UnitSalePrice), decimal(it.Price)),
		}
		o.Items = append(o.Items, item)
		o.ItemCount = backend.AddUnits(o.ItemCount, item.Quantity)
	}
	o.Subtotal, o.Total = totals(o.Items, o.Shipping)
	return o
}

// totals adds the lines and shipping exactly (rationals, never floats). A
// push carries no total of its own; when a price is missing, the totals
// stay unknown rather than wrong.
func totals(items []backend.Item, shipping string) (subtotal, total string) {
	sum := new(big.Rat)
	for _, it := range items {
		p, ok := new(big.Rat).SetString(it.Price)
		if !ok {
			return "", ""
		}
		sum.Add(sum, p.Mul(p, new(big.Rat).SetInt64(int64(it.Quantity))))
	}
	subtotal = sum.FloatString(2)
	if shipping != "" {
		s, ok := new(big.Rat).SetString(shipping)
		if !ok {
			return subtotal, ""
		}
		sum.Add(sum, s)
	}
	return subtotal, sum.FloatString(2)
}

func decimal(d wire.Decimal) string { return string(d) }

// parseTime reads a Kornit X date; an unreadable one is the zero time (the
// order is still worth keeping).
func parseTime(s string, loc *time.Location) time.Time {
	t, err := wire.ParseTime(s, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}
