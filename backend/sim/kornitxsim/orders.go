package kornitxsim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Order is one pushed order in the Order Push API's JSON shape (the
// supplier-api example): numbers as JSON numbers, dates as
// "YYYY-MM-DD HH:MM:SS" without a zone, empty dates as zeros.
type Order struct {
	ID                    int64       `json:"id"`
	CompanyRefID          int64       `json:"company_ref_id"`
	SecondaryCompanyRefID string      `json:"secondary_company_ref_id"`
	Ref                   string      `json:"ref"`
	Status                int         `json:"status"`
	StatusName            string      `json:"status_name"`
	ShippingCompany       string      `json:"shipping_company"`
	ShippingAddress1      string      `json:"shipping_address_1"`
	ShippingAddress2      string      `json:"shipping_address_2"`
	ShippingAddress3      string      `json:"shipping_address_3"`
	ShippingAddress4      string      `json:"shipping_address_4"`
	ShippingAddress5      string      `json:"shipping_address_5"`
	ShippingPostcode      string      `json:"shipping_postcode"`
	ShippingCountry       string      `json:"shipping_country"`
	ShippingCountryCode   string      `json:"shipping_country_code"`
	BillingCompany        string      `json:"billing_company"`
	BillingAddress1       string      `json:"billing_address_1"`
	BillingAddress2       string      `json:"billing_address_2"`
	BillingAddress3       string      `json:"billing_address_3"`
	BillingAddress4       string      `json:"billing_address_4"`
	BillingAddress5       string      `json:"billing_address_5"`
	BillingPostcode       string      `json:"billing_postcode"`
	BillingCountry        string      `json:"billing_country"`
	BillingCustomerName   string      `json:"billing_customer_name"`
	BillingCustomerEmail  string      `json:"billing_customer_email"`
	CustomerName          string      `json:"customer_name"`
	CustomerTelephone     string      `json:"customer_telephone"`
	CustomerEmail         string      `json:"customer_email"`
	SaleDatetime          string      `json:"sale_datetime"`
	ExternalRef           string      `json:"external_ref"`
	HasBeenCompleted      bool        `json:"has_been_completed"`
	CompletionDatetime    string      `json:"completion_datetime"`
	ShippingMethod        string      `json:"shipping_method"`
	ShippingCarrier       string      `json:"shipping_carrier"`
	ShippingTracking      string      `json:"shipping_tracking"`
	ShippingNoteURL       string      `json:"shipping_note_url"`
	PaymentType           string      `json:"payment_type"`
	CreationDatetime      string      `json:"creation_datetime"`
	AdditionalInfo        string      `json:"additional_info"`
	HasError              bool        `json:"has_error"`
	ErrorMessage          string      `json:"error_message"`
	RequiredDispatchDate  string      `json:"required_dispatch_date"`
	ShippingPrice         json.Number `json:"shipping_price"`
	IsUrgent              bool        `json:"is_urgent"`
	CouponCode            string      `json:"coupon_code"`
	CurrencyCode          *string     `json:"currency_code"`
	Items                 []Item      `json:"items"`
	PDFs                  []PDF       `json:"pdfs"`
}

// Item is one order line.
type Item struct {
	ID            int64       `json:"id"`
	SaleVATRate   json.Number `json:"sale_vat_rate"`
	ExternalRef   string      `json:"external_ref"`
	SKU           string      `json:"sku"`
	Description   string      `json:"description"`
	Quantity      int         `json:"quantity"`
	UnitSalePrice json.Number `json:"unit_sale_price"`
	Artwork       []PDF       `json:"artwork"`
}

// PDF is a document the fulfiller downloads: print-ready artwork or the
// dispatch note.
type PDF struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// DateLayout is how Kornit X writes dates: no zone. The simulator writes
// them in UTC (Options.Zone changes that).
const DateLayout = "2006-01-02 15:04:05"

// firstID is the id of order 1; later ones count up from it.
const firstID = 4_200_000

// companyRefID is the sales channel the simulated orders come from.
const companyRefID = 850135

// newOrder turns generated order seq (1-based) into a pushed order.
func newOrder(b sim.Base, seq int, created time.Time, zone *time.Location) Order {
	r := rand.New(rand.NewPCG(b.Rand, uint64(seq)))
	id := int64(firstID + seq)
	cur := b.Currency
	o := Order{
		ID:                    id,
		CompanyRefID:          companyRefID,
		SecondaryCompanyRefID: "DS-" + strconv.Itoa(1200+seq%7),
		Ref:                   fmt.Sprintf("CG%08d", 31_000_000+seq*13),
		Status:                1,
		StatusName:            "Received",
		ShippingCompany:       b.Ship.Company,
		ShippingAddress1:      b.Ship.Line1,
		ShippingAddress2:      b.Ship.Line2,
		ShippingAddress3:      b.Ship.City,
		ShippingAddress4:      b.Ship.RegionName,
		ShippingPostcode:      b.Ship.Postcode,
		ShippingCountry:       b.Ship.CountryName,
		ShippingCountryCode:   b.Ship.Country,
		BillingCompany:        b.Bill.Company,
		BillingAddress1:       b.Bill.Line1,
		BillingAddress2:       b.Bill.Line2,
		BillingAddress3:       b.Bill.City,
		BillingAddress4:       b.Bill.RegionName,
		BillingPostcode:       b.Bill.Postcode,
		BillingCountry:        b.Bill.CountryName,
		CustomerName:          strings.TrimSpace(b.Ship.First + " " + b.Ship.Last),
		CustomerTelephone:     b.Phone,
		CustomerEmail:         b.Email,
		BillingCustomerName:   strings.TrimSpace(b.First + " " + b.Last),
		BillingCustomerEmail:  b.Email,
		SaleDatetime:          created.In(zone).Format(DateLayout),
		CreationDatetime:      created.Add(time.Duration(5+r.IntN(120)) * time.Second).In(zone).Format(DateLayout),
		ExternalRef:           "#" + strconv.Itoa(10_400+seq),
		CompletionDatetime:    "0000-00-00 00:00:00",
		ShippingNoteURL:       fmt.Sprintf("https://docs.example.com/dispatch/%d.pdf", id),
		PaymentType:           b.Payment,
		AdditionalInfo:        b.Note,
		RequiredDispatchDate:  "0000-00-00",
		ShippingPrice:         json.Number(sim.Money(b.ShippingCents)),
		CouponCode:            b.PromoCode,
		CurrencyCode:          &cur,
	}
	if !b.SameBilling {
		// A gift: the parcel goes to someone else; the buyer is billed.
		o.CustomerEmail, o.CustomerTelephone = "", ""
	}
	if r.IntN(4) != 0 {
		o.RequiredDispatchDate = created.AddDate(0, 0, 1+r.IntN(3)).In(zone).Format("2006-01-02")
	}
	o.IsUrgent = r.IntN(10) == 0
	opts, ok := carriers[b.Ship.Country]
	if !ok {
		opts = carriers[""]
	}
	c := opts[r.IntN(len(opts))]
	o.ShippingCarrier, o.ShippingMethod = c.carrier, c.method
	if o.IsUrgent {
		o.ShippingMethod = "Express"
	}
	for i, it := range b.Items {
		p := podProducts[(it.ProductID+i)%len(podProducts)]
		d := designs[r.IntN(len(designs))]
		sku, desc := p.code, p.name
		var opts []string
		if len(p.colours) > 0 {
			col := p.colours[r.IntN(len(p.colours))]
			sku += "-" + strings.ToUpper(strings.ReplaceAll(col, " ", ""))[:min(3, len(col))]
			opts = append(opts, col)
		}
		if len(p.variants) > 0 {
			v := p.variants[r.IntN(len(p.variants))]
			sku += "-" + v
			opts = append(opts, v)
		}
		sku += "-" + d.code
		if len(opts) > 0 {
			desc += " – " + strings.Join(opts, " / ")
		}
		desc += " – " + d.name
		itemID := id*10 + int64(i+1)
		item := Item{
			ID:            itemID,
			SaleVATRate:   "20",
			ExternalRef:   fmt.Sprintf("%s-%d", o.ExternalRef[1:], i+1),
			SKU:           sku,
			Description:   desc,
			Quantity:      it.Qty,
			UnitSalePrice: json.Number(sim.Money(p.cents)),
		}
		for a := 1; a <= p.artworks; a++ {
			item.Artwork = append(item.Artwork, PDF{Type: "artwork",
				URL: fmt.Sprintf("https://artwork.example.com/%s/%d/output-%d.pdf", o.Ref, itemID, a)})
		}
		o.Items = append(o.Items, item)
	}
	o.PDFs = []PDF{{Type: "Dispatch", URL: o.ShippingNoteURL}}
	return o
}

// generate makes orders seq from..from+n-1 as the simulator with seed
// would, created over the last few days before now (a fulfiller's open
// orders are recent).
func generate(seed int64, from, n int, now time.Time, zone *time.Location) []Order {
	if n <= 0 {
		return nil
	}
	bases := sim.Generate(seed+int64(from)*7919, n, now)
	out := make([]Order, n)
	for i, b := range bases {
		// Generate spreads orders over 90 days; squeeze them into the
		// last three, keeping their order.
		age := now.Sub(b.Created) / 30
		out[i] = newOrder(b, from+i, now.Add(-age).Truncate(time.Second), zone)
	}
	return out
}
