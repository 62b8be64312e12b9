package cscartsim

import (
	"encoding/json"
	"strconv"

	"github.com/orderdash/orderdash/backend/sim"
)

// The JSON shapes CS-Cart sends. Database columns come as strings (PHP
// reads every MySQL value as a string); values PHP computes come as
// numbers or booleans; empty PHP arrays come as [] even where a filled one
// is an object.

type shortRow struct {
	OrderID       string  `json:"order_id"`
	IssuerID      *string `json:"issuer_id"`
	UserID        string  `json:"user_id"`
	IsParentOrder string  `json:"is_parent_order"`
	ParentOrderID string  `json:"parent_order_id"`
	CompanyID     string  `json:"company_id"`
	Timestamp     string  `json:"timestamp"`
	Firstname     string  `json:"firstname"`
	Lastname      string  `json:"lastname"`
	Email         string  `json:"email"`
	Phone         string  `json:"phone"`
	Status        string  `json:"status"`
	Total         string  `json:"total"`
	InvoiceID     *string `json:"invoice_id"`
	CreditMemoID  *string `json:"credit_memo_id"`
}

func (o *order) short() shortRow {
	b := o.base
	return shortRow{
		OrderID: o.idStr, UserID: o.userID(), IsParentOrder: "N", ParentOrderID: "0",
		CompanyID: "1", Timestamp: strconv.FormatInt(b.Created.Unix(), 10),
		Firstname: b.First, Lastname: b.Last, Email: b.Email, Phone: b.Phone,
		Status: o.status, Total: sim.Money(b.TotalCents()),
	}
}

type productRow struct {
	ItemID          string          `json:"item_id"`
	OrderID         string          `json:"order_id"`
	ProductID       string          `json:"product_id"`
	ProductCode     string          `json:"product_code"`
	Price           string          `json:"price"`
	Amount          string          `json:"amount"`
	Extra           json.RawMessage `json:"extra"`
	Product         string          `json:"product"`
	ProductStatus   string          `json:"product_status"`
	CompanyID       string          `json:"company_id"`
	BasePrice       string          `json:"base_price"`
	OriginalPrice   string          `json:"original_price"`
	Discount        int             `json:"discount"`
	TaxValue        int             `json:"tax_value"`
	Subtotal        float64         `json:"subtotal"`
	DisplaySubtotal float64         `json:"display_subtotal"`
	ShippedAmount   int             `json:"shipped_amount"`
	ShipmentAmount  string          `json:"shipment_amount"`
	IsAccessible    bool            `json:"is_accessible"`
}

type paymentMethod struct {
	PaymentID   string `json:"payment_id"`
	Payment     string `json:"payment"`
	Description string `json:"description"`
	Processor   string `json:"processor"`
}

type shippingRow struct {
	ShippingID   string  `json:"shipping_id"`
	Shipping     string  `json:"shipping"`
	DeliveryTime string  `json:"delivery_time"`
	Rate         float64 `json:"rate"`
	GroupKey     int     `json:"group_key"`
}

type taxRow struct {
	RateType      string  `json:"rate_type"`
	RateValue     string  `json:"rate_value"`
	PriceIncludes string  `json:"price_includes_tax"`
	TaxSubtotal   float64 `json:"tax_subtotal"`
	Description   string  `json:"description"`
}

type detail struct {
	OrderID             string                `json:"order_id"`
	IsParentOrder       string                `json:"is_parent_order"`
	ParentOrderID       string                `json:"parent_order_id"`
	CompanyID           string                `json:"company_id"`
	IssuerID            *string               `json:"issuer_id"`
	UserID              string                `json:"user_id"`
	Total               string                `json:"total"`
	Subtotal            string                `json:"subtotal"`
	Discount            string                `json:"discount"`
	SubtotalDiscount    string                `json:"subtotal_discount"`
	PaymentSurcharge    string                `json:"payment_surcharge"`
	ShippingIDs         string                `json:"shipping_ids"`
	ShippingCost        string                `json:"shipping_cost"`
	Timestamp           string                `json:"timestamp"`
	UpdatedAt           string                `json:"updated_at"`
	Status              string                `json:"status"`
	Notes               string                `json:"notes"`
	Details             string                `json:"details"`
	Promotions          json.RawMessage       `json:"promotions"`
	PromotionIDs        string                `json:"promotion_ids"`
	Firstname           string                `json:"firstname"`
	Lastname            string                `json:"lastname"`
	Company             string                `json:"company"`
	BFirstname          string                `json:"b_firstname"`
	BLastname           string                `json:"b_lastname"`
	BAddress            string                `json:"b_address"`
	BAddress2           string                `json:"b_address_2"`
	BCity               string                `json:"b_city"`
	BCounty             string                `json:"b_county"`
	BState              string                `json:"b_state"`
	BCountry            string                `json:"b_country"`
	BZipcode            string                `json:"b_zipcode"`
	BPhone              string                `json:"b_phone"`
	BCountryDescr       string                `json:"b_country_descr"`
	BStateDescr         string                `json:"b_state_descr"`
	SFirstname          string                `json:"s_firstname"`
	SLastname           string                `json:"s_lastname"`
	SAddress            string                `json:"s_address"`
	SAddress2           string                `json:"s_address_2"`
	SCity               string                `json:"s_city"`
	SCounty             string                `json:"s_county"`
	SState              string                `json:"s_state"`
	SCountry            string                `json:"s_country"`
	SZipcode            string                `json:"s_zipcode"`
	SPhone              string                `json:"s_phone"`
	SAddressType        string                `json:"s_address_type"`
	SCountryDescr       string                `json:"s_country_descr"`
	SStateDescr         string                `json:"s_state_descr"`
	Phone               string                `json:"phone"`
	Fax                 string                `json:"fax"`
	URL                 string                `json:"url"`
	Email               string                `json:"email"`
	PaymentID           string                `json:"payment_id"`
	TaxExempt           string                `json:"tax_exempt"`
	LangCode            string                `json:"lang_code"`
	IPAddress           string                `json:"ip_address"`
	Repaid              string                `json:"repaid"`
	ValidationCode      string                `json:"validation_code"`
	LocalizationID      string                `json:"localization_id"`
	ProfileID           string                `json:"profile_id"`
	VendorRef           string                `json:"vendor_ref"`
	PaymentMethod       paymentMethod         `json:"payment_method"`
	PaymentInfo         json.RawMessage       `json:"payment_info"`
	Products            map[string]productRow `json:"products"`
	Taxes               any                   `json:"taxes"`
	TaxSubtotal         float64               `json:"tax_subtotal"`
	DisplaySubtotal     float64               `json:"display_subtotal"`
	DisplayShippingCost float64               `json:"display_shipping_cost"`
	NeedShipping        bool                  `json:"need_shipping"`
	Shipping            []shippingRow         `json:"shipping"`
	NeedShipment        bool                  `json:"need_shipment"`
	ShipmentIDs         []string              `json:"shipment_ids"`
	SecondaryCurrency   string                `json:"secondary_currency"`
}

var emptyPHPArray = json.RawMessage(`[]`)

func money(c int64) string  { return sim.Money(c) }
func float(c int64) float64 { return float64(c) / 100 }

func (o *order) detail() detail {
	b := o.base
	d := detail{
		OrderID: o.idStr, IsParentOrder: "N", ParentOrderID: "0", CompanyID: "1",
		UserID: o.userID(), Total: money(b.TotalCents()), Subtotal: money(b.SubtotalCents()),
		Discount: "0.00", SubtotalDiscount: money(b.DiscountCents), PaymentSurcharge: "0.00",
		ShippingIDs: "1", ShippingCost: money(b.ShippingCents),
		Timestamp: strconv.FormatInt(b.Created.Unix(), 10), UpdatedAt: strconv.FormatInt(o.updated, 10),
		Status: o.status, Notes: b.Note, Details: o.details, Promotions: emptyPHPArray,
		Firstname: b.First, Lastname: b.Last, Company: b.Bill.Company,
		BFirstname: b.Bill.First, BLastname: b.Bill.Last, BAddress: b.Bill.Line1, BAddress2: b.Bill.Line2,
		BCity: b.Bill.City, BState: b.Bill.Region, BCountry: b.Bill.Country, BZipcode: b.Bill.Postcode,
		BPhone: b.Bill.Phone, BCountryDescr: b.Bill.CountryName, BStateDescr: b.Bill.RegionName,
		SFirstname: b.Ship.First, SLastname: b.Ship.Last, SAddress: b.Ship.Line1, SAddress2: b.Ship.Line2,
		SCity: b.Ship.City, SState: b.Ship.Region, SCountry: b.Ship.Country, SZipcode: b.Ship.Postcode,
		SPhone: b.Ship.Phone, SCountryDescr: b.Ship.CountryName, SStateDescr: b.Ship.RegionName,
		Phone: b.Phone, Email: b.Email, PaymentID: "2", TaxExempt: "N", LangCode: b.Lang,
		IPAddress: b.IP, Repaid: "0", LocalizationID: "0", ProfileID: "1", VendorRef: o.vendorRef,
		PaymentMethod: paymentMethod{PaymentID: "2", Payment: b.Payment},
		PaymentInfo:   emptyPHPArray,
		Products:      make(map[string]productRow, len(o.items)),
		Taxes:         emptyPHPArray,
		TaxSubtotal:   float(b.TaxCents), DisplaySubtotal: float(b.SubtotalCents()),
		DisplayShippingCost: float(b.ShippingCents), NeedShipping: true,
		Shipping:          []shippingRow{{ShippingID: "1", Shipping: b.ShipMethod, DeliveryTime: "2-4 days", Rate: float(b.ShippingCents)}},
		ShipmentIDs:       []string{},
		SecondaryCurrency: "EUR",
	}
	if b.PromoCode != "" {
		d.PromotionIDs = "3"
		d.Promotions = json.RawMessage(`{"3":{"bonuses":[{"bonus":"order_discount","value":"` + money(b.DiscountCents) + `"}]}}`)
	}
	if b.TaxCents > 0 {
		d.Taxes = map[string]taxRow{"6": {RateType: "P", RateValue: "19.000", PriceIncludes: "N", TaxSubtotal: float(b.TaxCents), Description: "VAT"}}
	}
	shipped := o.status == "C" || o.status == "G" || o.status == "H"
	for _, it := range o.items {
		p := productRow{
			ItemID: it.itemID, OrderID: o.idStr, ProductID: strconv.Itoa(it.it.ProductID),
			ProductCode: it.it.SKU, Price: money(it.it.UnitCents), Amount: strconv.Itoa(it.it.Qty),
			Extra: json.RawMessage(`{"product_options":[],"return_period":"14"}`), Product: it.it.Name,
			ProductStatus: "A", CompanyID: "1", BasePrice: money(it.it.UnitCents), OriginalPrice: money(it.it.UnitCents),
			Subtotal: float(it.it.TotalCents()), DisplaySubtotal: float(it.it.TotalCents()),
			ShipmentAmount: strconv.Itoa(it.it.Qty), IsAccessible: true,
		}
		if shipped {
			p.ShippedAmount = it.it.Qty
		}
		d.Products[it.itemID] = p
	}
	return d
}

type statusRow struct {
	StatusID    string       `json:"status_id"`
	Status      string       `json:"status"`
	Type        string       `json:"type"`
	IsDefault   string       `json:"is_default"`
	Position    string       `json:"position"`
	Description string       `json:"description"`
	EmailSubj   string       `json:"email_subj"`
	EmailHeader string       `json:"email_header"`
	LangCode    string       `json:"lang_code"`
	Params      statusParams `json:"params"`
}

type statusParams struct {
	Color            string `json:"color"`
	Notify           string `json:"notify"`
	NotifyDepartment string `json:"notify_department"`
	NotifyVendor     string `json:"notify_vendor"`
	Inventory        string `json:"inventory"`
	RemoveCCInfo     string `json:"remove_cc_info"`
	Repay            string `json:"repay"`
	AppearanceType   string `json:"appearance_type"`
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func statusRows(lang string) []statusRow {
	out := make([]statusRow, len(statusDefs))
	for i, s := range statusDefs {
		desc := s.name
		if lang == "de" {
			desc = s.german
		}
		inv := "I"
		if s.letter == "P" || s.letter == "C" || s.letter == "O" || s.letter == "B" || s.letter == "E" {
			inv = "D"
		}
		out[i] = statusRow{
			StatusID: strconv.Itoa(i + 1), Status: s.letter, Type: "O", IsDefault: "Y",
			Position: strconv.Itoa(i * 10), Description: desc,
			EmailSubj: "has been " + s.name, EmailHeader: "Your order has been " + s.name, LangCode: lang,
			Params: statusParams{Color: s.color, Notify: yn(s.notify), NotifyDepartment: yn(s.notify),
				NotifyVendor: yn(s.notify), Inventory: inv, RemoveCCInfo: yn(s.settled), Repay: yn(s.letter == "F"),
				AppearanceType: "D"},
		}
	}
	return out
}
