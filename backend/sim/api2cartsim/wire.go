package api2cartsim

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Answers are built as generic JSON (maps, slices) so response_fields can
// prune them the way API2Cart does, at any depth.
type obj = map[string]any

// dateFormat is the PHP format API2Cart names beside every date value.
const dateFormat = `Y-m-d\TH:i:sO`

// storeZone is the shop's clock: API2Cart passes the cart's own offset
// through (the recorded Etsy shop answers in -0500).
var storeZone = time.FixedZone("store", -5*3600)

// date is API2Cart's date object.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return obj{"value": t.In(storeZone).Format("2006-01-02T15:04:05-0700"), "format": dateFormat}
}

// money is a JSON number written from cents, never through a float.
func money(cents int64) json.Number { return json.Number(sim.Money(cents)) }

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var currencies = map[string][3]string{ // name, left symbol, right symbol
	"EUR": {"Euro", "", "€"},
	"USD": {"US Dollar", "$", ""},
	"GBP": {"Pound Sterling", "£", ""},
	"CAD": {"Canadian Dollar", "CA$", ""},
	"CHF": {"Swiss Franc", "", " CHF"},
	"PLN": {"Polish Zloty", "", " zł"},
	"SEK": {"Swedish Krona", "", " kr"},
}

var alpha3 = map[string]string{
	"US": "USA", "CA": "CAN", "DE": "DEU", "GB": "GBR", "IE": "IRL", "FR": "FRA", "NL": "NLD",
	"AT": "AUT", "CH": "CHE", "ES": "ESP", "IT": "ITA", "PL": "POL", "SE": "SWE",
}

func currencyJSON(code string) obj {
	c, ok := currencies[code]
	if !ok {
		c = [3]string{code, "", " " + code}
	}
	return obj{"id": code, "name": c[0], "iso3": code, "symbol_left": c[1], "symbol_right": c[2],
		"rate": 1, "avail": true, "default": code == "EUR"}
}

// addressJSON writes an address; its id is a number in one place and a
// string in another, as the recordings show.
func addressJSON(a sim.Address, id any, kind string) obj {
	var state any
	if a.Region != "" {
		state = obj{"code": a.Region, "name": a.RegionName}
	}
	return obj{
		"id": id, "type": kind,
		"first_name": a.First, "last_name": orNull(a.Last),
		"postcode": a.Postcode, "address1": a.Line1, "address2": a.Line2,
		"phone": a.Phone, "phone_mobile": "",
		"city":    a.City,
		"country": obj{"code2": a.Country, "code3": alpha3[a.Country], "name": a.CountryName},
		"state":   state, "company": orNull(a.Company), "fax": nil, "website": nil,
		"gender": nil, "region": nil, "default": kind == "shipping",
		"tax_id": nil, "identification_number": nil, "alias": nil,
	}
}

func historyJSON(h HistoryEntry) obj {
	name, _ := statusName(h.Status)
	return obj{"id": h.Status, "name": name, "modified_time": date(h.At), "notify": h.Notify, "comment": orNull(h.Comment)}
}

// orderJSON is the full Order entity; response_fields narrows it.
func orderJSON(o *order) obj {
	b := o.base
	custID := ""
	if !b.Guest {
		custID = strconv.Itoa(b.CustomerID)
	}
	hist := make([]any, len(o.history))
	for i, h := range o.history {
		hist[i] = historyJSON(h)
	}
	name, _ := statusName(o.status)
	products := make([]any, len(o.products))
	for i, p := range o.products {
		products[i] = obj{
			"product_id": strconv.Itoa(p.it.ProductID), "order_product_id": p.orderProductID,
			"model": p.it.SKU, "name": p.it.Name,
			"price": money(p.it.UnitCents), "price_inc_tax": nil, "quantity": p.it.Qty,
			"discount_amount": 0, "total_price": money(p.it.TotalCents()),
			"tax_percent": nil, "tax_value": nil, "tax_value_after_discount": nil,
			"options": []any{}, "variant_id": nil, "weight_unit": nil, "weight": nil,
			"barcode": nil, "parent_order_product_id": nil,
		}
	}
	discounts := []any{}
	if b.DiscountCents > 0 {
		discounts = append(discounts, obj{"code": b.PromoCode, "value": money(b.DiscountCents), "type": "coupon"})
	}
	var finished any
	if o.status == stComplete {
		finished = date(o.modified)
	}
	return obj{
		"id": o.id, "order_id": o.id, "basket_id": nil, "channel_id": nil,
		"customer": obj{"id": custID, "email": b.Email, "first_name": b.First,
			"last_name": orNull(b.Last), "phone": orNull(b.Phone)},
		"create_at":        date(b.Created),
		"modified_at":      date(o.modified),
		"currency":         currencyJSON(b.Currency),
		"shipping_address": addressJSON(b.Ship, 1, "shipping"),
		"billing_address":  addressJSON(b.Bill, "2", "billing"),
		"payment_method":   obj{"name": b.Payment},
		"shipping_method":  obj{"name": b.ShipMethod},
		"shipping_methods": []any{obj{"name": b.ShipMethod}},
		"status":           obj{"id": o.status, "name": name, "history": hist, "refund_info": nil},
		"totals": obj{"total": money(b.TotalCents()), "subtotal": money(b.SubtotalCents()),
			"shipping": money(b.ShippingCents), "tax": money(b.TaxCents), "discount": money(b.DiscountCents)},
		"total": obj{"subtotal_ex_tax": money(b.SubtotalCents()), "wrapping_ex_tax": 0,
			"shipping_ex_tax": money(b.ShippingCents), "total_discount": money(b.DiscountCents),
			"total_tax": money(b.TaxCents), "total": money(b.TotalCents()), "total_paid": nil},
		"discounts":         discounts,
		"order_products":    products,
		"bundles":           []any{},
		"finished_time":     finished,
		"comment":           orNull(b.Note),
		"store_id":          "0",
		"warehouses_ids":    []any{},
		"refunds":           []any{},
		"gift_message":      nil,
		"order_details_url": nil,
	}
}

// answer is the envelope of every API2Cart answer, its fields in the
// order API2Cart writes them (a map would sort them).
type answer struct {
	ReturnCode    int    `json:"return_code"`
	ReturnMessage string `json:"return_message"`
	Pagination    any    `json:"pagination,omitempty"`
	Result        any    `json:"result"`
}

// envelope wraps a result; errors carry an empty object.
func envelope(code int, msg string, result any) answer {
	if result == nil {
		result = obj{}
	}
	return answer{ReturnCode: code, ReturnMessage: msg, Result: result}
}
