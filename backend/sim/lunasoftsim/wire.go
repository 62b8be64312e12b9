package lunasoftsim

import (
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend/sim"
)

// The JSON shapes of seed 002: ids, amounts and quantities as strings,
// flags as real booleans, some ids null, "" for never-modified times.

type lineItemJSON struct {
	ID                        string  `json:"id"`
	ProductID                 string  `json:"product_id"`
	Name                      string  `json:"name"`
	Model                     string  `json:"model"`
	SKU                       string  `json:"sku"`
	Description               string  `json:"description"`
	Cost                      string  `json:"cost"`
	Quantity                  string  `json:"quantity"`
	TotalCost                 string  `json:"total_cost"`
	DidOverrideShippingCost   bool    `json:"did_override_shipping_cost"`
	TotalOverrideShippingCost string  `json:"total_override_shipping_cost"`
	IsGiftCertificate         bool    `json:"is_gift_certificate"`
	GiftCertAmount            string  `json:"gift_cert_amount"`
	GiftCertCode              string  `json:"gift_cert_code"`
	IsFulfilled               bool    `json:"is_fulfilled"`
	ShipmentInfo              *string `json:"shipment_info"`
}

type statusJSON struct {
	ID             string  `json:"id"`
	Status         string  `json:"status"`
	Notes          string  `json:"notes"`
	NotifyCustomer bool    `json:"notify_customer"`
	Created        string  `json:"created"`
	CreatedIP      string  `json:"created_ip"`
	CreatedUserID  *string `json:"created_user_id"`
	Modified       string  `json:"modified"`
	ModifiedUserID *string `json:"modified_user_id"`
}

type orderJSON struct {
	ID                        string         `json:"id"`
	UserID                    *string        `json:"user_id"`
	UserEmail                 string         `json:"user_email"`
	CurrentStatus             string         `json:"current_status"`
	OrderNum                  string         `json:"order_num"`
	OrderDescription          string         `json:"order_description"`
	CustomerNote              string         `json:"customer_note"`
	FirstName                 string         `json:"first_name"`
	LastName                  string         `json:"last_name"`
	Phone                     string         `json:"phone"`
	Email                     string         `json:"email"`
	Total                     string         `json:"total"`
	Tax                       string         `json:"tax"`
	IsPaid                    bool           `json:"is_paid"`
	PaymentOption             string         `json:"payment_option"`
	PaymentOptionType         string         `json:"payment_option_type"`
	PaymentOptionID           string         `json:"payment_option_id"`
	PaymentDetail             string         `json:"payment_detail"`
	CheckNum                  string         `json:"check_num"`
	CheckDate                 string         `json:"check_date"`
	TransactionID             string         `json:"transaction_id"`
	CardLast4                 string         `json:"card_last_4"`
	CardType                  string         `json:"card_type"`
	BillingFirstName          string         `json:"billing_first_name"`
	BillingLastName           string         `json:"billing_last_name"`
	BillingPhone              string         `json:"billing_phone"`
	BillingEmail              string         `json:"billing_email"`
	BillingAddress            string         `json:"billing_address"`
	BillingCity               string         `json:"billing_city"`
	BillingState              string         `json:"billing_state"`
	BillingZip                string         `json:"billing_zip"`
	BillingCountry            string         `json:"billing_country"`
	PromoCode                 string         `json:"promo_code"`
	PromoCodeInfo             string         `json:"promo_code_info"`
	PromoCodeDiscount         string         `json:"promo_code_discount"`
	PromoRuleInfo             string         `json:"promo_rule_info"`
	PromoRuleInfoAdmin        string         `json:"promo_rule_info_admin"`
	PromoRuleDiscount         string         `json:"promo_rule_discount"`
	PromoRuleDiscountShipping string         `json:"promo_rule_discount_shipping"`
	GiftCertID                *string        `json:"gift_cert_id"`
	GiftCertCode              string         `json:"gift_cert_code"`
	GiftCertInfo              string         `json:"gift_cert_info"`
	GiftCertApplied           string         `json:"gift_cert_applied"`
	GiftCertIsCreditVoucher   bool           `json:"gift_cert_is_credit_voucher"`
	ShippingOption            string         `json:"shipping_option"`
	ShippingCost              string         `json:"shipping_cost"`
	ShippingFirstName         string         `json:"shipping_first_name"`
	ShippingLastName          string         `json:"shipping_last_name"`
	ShippingPhone             string         `json:"shipping_phone"`
	ShippingCompany           string         `json:"shipping_company"`
	ShippingAddress           string         `json:"shipping_address"`
	ShippingAddress2          string         `json:"shipping_address2"`
	ShippingCity              string         `json:"shipping_city"`
	ShippingState             string         `json:"shipping_state"`
	ShippingZip               string         `json:"shipping_zip"`
	ShippingCountry           string         `json:"shipping_country"`
	IsFulfilled               bool           `json:"is_fulfilled"`
	Notes                     string         `json:"notes"`
	MarketingSourceID         *string        `json:"marketing_source_id"`
	MarketingSourceChoice     string         `json:"marketing_source_choice"`
	MarketingSourceOther      string         `json:"marketing_source_other"`
	AdminCreated              bool           `json:"admin_created"`
	WebOrder                  bool           `json:"web_order"`
	IsGuestCheckout           bool           `json:"is_guest_checkout"`
	Created                   string         `json:"created"`
	CreatedIP                 string         `json:"created_ip"`
	CreatedUserID             *string        `json:"created_user_id"`
	Modified                  string         `json:"modified"`
	ModifiedUserID            *string        `json:"modified_user_id"`
	LineItems                 []lineItemJSON `json:"line_items"`
	// Statuses is nil in list items (omitted) and non-nil in detail.
	Statuses *[]statusJSON `json:"statuses,omitempty"`
}

// errorsJSON is Lunasoft's error envelope (www.lunasoft.com/api-errors).
type errorsJSON struct {
	Errors []apiError `json:"errors"`
}

type apiError struct {
	InternalMessage string `json:"internal_message"`
	UserMessage     string `json:"user_message"`
	Code            string `json:"code"`
	MoreInfo        string `json:"more_info"`
}

// orderWithErrors is a failed POST's answer: the unchanged order plus the
// errors.
type orderWithErrors struct {
	orderJSON
	Errors []apiError `json:"errors"`
}

const moreInfo = "http://www.lunasoft.com/api.php"

func newAPIError(status int, internal string) apiError {
	return apiError{InternalMessage: internal, UserMessage: "An error occurred", Code: strconv.Itoa(status), MoreInfo: moreInfo}
}

func (o *order) wire(withStatuses bool) orderJSON {
	b := o.base
	items := make([]lineItemJSON, len(o.items))
	for i, li := range o.items {
		items[i] = lineItemJSON{
			ID: li.id, ProductID: strconv.Itoa(li.it.ProductID + 15000), Name: li.it.Name, SKU: li.it.SKU,
			Cost: sim.Money(li.it.UnitCents), Quantity: strconv.Itoa(li.it.Qty), TotalCost: sim.Money(li.it.TotalCents()),
			TotalOverrideShippingCost: "0.00", GiftCertAmount: "0.00", IsFulfilled: o.fulfilled,
		}
	}
	promoDiscount := "0.00"
	if b.DiscountCents > 0 {
		promoDiscount = sim.Money(b.DiscountCents)
	}
	checkDate := "0000-00-00"
	if o.checkDate != "" {
		checkDate = o.checkDate
	}
	createdBy := o.userID
	if o.admin {
		admin := "2"
		createdBy = &admin
	}
	payOption := b.Payment
	j := orderJSON{
		ID: o.idStr, UserID: o.userID, UserEmail: b.Email, CurrentStatus: o.current, OrderNum: o.idStr,
		OrderDescription: "Site shopping order", CustomerNote: b.Note,
		FirstName: b.First, LastName: b.Last, Phone: b.Phone, Email: b.Email,
		Total: sim.Money(b.TotalCents()), Tax: sim.Money(b.TaxCents), IsPaid: o.paid,
		PaymentOption: payOption, PaymentOptionType: o.payType, PaymentOptionID: strconv.Itoa(10 + len(payOption)%7),
		CheckNum: o.checkNum, CheckDate: checkDate, TransactionID: o.txID,
		CardLast4: o.cardLast4, CardType: o.cardType,
		BillingFirstName: b.Bill.First, BillingLastName: b.Bill.Last, BillingPhone: b.Bill.Phone, BillingEmail: b.Email,
		BillingAddress: joinLines(b.Bill.Line1, b.Bill.Line2), BillingCity: b.Bill.City, BillingState: b.Bill.Region,
		BillingZip: b.Bill.Postcode, BillingCountry: strings.ToLower(b.Bill.Country),
		PromoCode: b.PromoCode, PromoCodeDiscount: promoDiscount,
		PromoRuleDiscount: "0.00", PromoRuleDiscountShipping: "0.00",
		GiftCertApplied: "0.00", GiftCertIsCreditVoucher: true,
		ShippingOption: b.ShipMethod, ShippingCost: sim.Money(b.ShippingCents),
		ShippingFirstName: b.Ship.First, ShippingLastName: b.Ship.Last, ShippingPhone: b.Ship.Phone,
		ShippingCompany: b.Ship.Company, ShippingAddress: b.Ship.Line1, ShippingAddress2: b.Ship.Line2,
		ShippingCity: b.Ship.City, ShippingState: b.Ship.Region, ShippingZip: b.Ship.Postcode,
		ShippingCountry: strings.ToLower(b.Ship.Country),
		IsFulfilled:     o.fulfilled, Notes: o.adminNote,
		AdminCreated: o.admin, WebOrder: !o.admin, IsGuestCheckout: b.Guest,
		Created: format(b.Created), CreatedIP: b.IP, CreatedUserID: createdBy,
		Modified: format(o.modified), LineItems: items,
	}
	if b.PromoCode != "" {
		j.PromoCodeInfo = b.PromoCode + ": " + promoDiscount + " off"
	}
	if withStatuses {
		st := make([]statusJSON, len(o.history))
		for i, e := range o.history {
			st[i] = statusJSON{ID: strconv.Itoa(e.ID), Status: e.Status, Notes: e.Notes, NotifyCustomer: e.Notify,
				Created: format(e.Created), CreatedIP: e.IP, CreatedUserID: e.UserID}
		}
		j.Statuses = &st
	}
	return j
}

// joinLines puts a second street line after the first, as the single
// billing_address field must hold both.
func joinLines(a, b string) string {
	if b == "" {
		return a
	}
	return a + ", " + b
}
