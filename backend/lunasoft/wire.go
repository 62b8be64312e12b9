package lunasoft

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/orderdash/orderdash/backend/wire"
)

// wireOrder is an order as GET …/orders/{id} sends it; list rows are the
// same without statuses. Dates stay text: they are read in the site's zone.
type wireOrder struct {
	ID            wire.String `json:"id"`
	OrderNum      wire.String `json:"order_num"`
	CurrentStatus wire.String `json:"current_status"`

	UserEmail wire.String `json:"user_email"`
	FirstName wire.String `json:"first_name"`
	LastName  wire.String `json:"last_name"`
	Phone     wire.String `json:"phone"`
	Email     wire.String `json:"email"`

	Total        wire.Decimal `json:"total"`
	Tax          wire.Decimal `json:"tax"`
	ShippingCost wire.Decimal `json:"shipping_cost"`

	CustomerNote   wire.String `json:"customer_note"`
	Notes          wire.String `json:"notes"`
	PaymentOption  wire.String `json:"payment_option"`
	CardType       wire.String `json:"card_type"`
	CardLast4      wire.String `json:"card_last_4"`
	ShippingOption wire.String `json:"shipping_option"`

	BillingFirstName wire.String `json:"billing_first_name"`
	BillingLastName  wire.String `json:"billing_last_name"`
	BillingPhone     wire.String `json:"billing_phone"`
	BillingCompany   wire.String `json:"billing_company"`
	BillingAddress   wire.String `json:"billing_address"`
	BillingAddress2  wire.String `json:"billing_address2"`
	BillingCity      wire.String `json:"billing_city"`
	BillingState     wire.String `json:"billing_state"`
	BillingZip       wire.String `json:"billing_zip"`
	BillingCountry   wire.String `json:"billing_country"`

	ShippingFirstName wire.String `json:"shipping_first_name"`
	ShippingLastName  wire.String `json:"shipping_last_name"`
	ShippingPhone     wire.String `json:"shipping_phone"`
	ShippingCompany   wire.String `json:"shipping_company"`
	ShippingAddress   wire.String `json:"shipping_address"`
	ShippingAddress2  wire.String `json:"shipping_address2"`
	ShippingCity      wire.String `json:"shipping_city"`
	ShippingState     wire.String `json:"shipping_state"`
	ShippingZip       wire.String `json:"shipping_zip"`
	ShippingCountry   wire.String `json:"shipping_country"`

	Created  wire.String `json:"created"`
	Modified wire.String `json:"modified"`

	LineItems wire.List[wireItem] `json:"line_items"`
	// Statuses is the history, newest first; nil in list rows.
	Statuses *wire.List[wireEntry] `json:"statuses"`
	// Errors come with the unchanged order when a POST is refused.
	Errors wire.List[wireError] `json:"errors"`
}

type wireItem struct {
	ID        wire.String  `json:"id"`
	ProductID wire.String  `json:"product_id"`
	Name      wire.String  `json:"name"`
	Model     wire.String  `json:"model"`
	SKU       wire.String  `json:"sku"`
	Cost      wire.Decimal `json:"cost"`
	Quantity  wire.Decimal `json:"quantity"`
	TotalCost wire.Decimal `json:"total_cost"`
}

// wireEntry is one row of an order's status history.
type wireEntry struct {
	ID             wire.String `json:"id"`
	Status         wire.String `json:"status"`
	Notes          wire.String `json:"notes"`
	NotifyCustomer wire.Bool   `json:"notify_customer"`
	Created        wire.String `json:"created"`
	CreatedUserID  wire.String `json:"created_user_id"`
}

// wireError is one entry of Lunasoft's {"errors":[…]}; code is a string.
type wireError struct {
	InternalMessage wire.String `json:"internal_message"`
	UserMessage     wire.String `json:"user_message"`
	Code            wire.String `json:"code"`
	MoreInfo        wire.String `json:"more_info"`
}

// wireList is GET …/orders; Orders.Asked bounds how many rows are read.
type wireList struct {
	Orders   wire.Page[wire.List[json.RawMessage]] `json:"orders"`
	NextPage wire.NextPage                         `json:"next_page"`
}

// statusPost is the POST body that adds a history entry.
type statusPost struct {
	Status statusFields `json:"status"`
}

type statusFields struct {
	Status         string `json:"status"`
	Notes          string `json:"notes"`
	NotifyCustomer bool   `json:"notify_customer"`
}

// errorMessage pulls the platform's words and code out of an error body.
func errorMessage(body []byte) (msg, code string) {
	var env struct {
		Errors wire.List[json.RawMessage] `json:"errors"`
	}
	if json.Unmarshal(bytes.TrimSpace(body), &env) != nil {
		return "", ""
	}
	var errs []wireError
	for _, raw := range env.Errors {
		var e wireError
		if json.Unmarshal(raw, &e) == nil {
			errs = append(errs, e)
		} else {
			var s wire.String
			if json.Unmarshal(raw, &s) == nil {
				errs = append(errs, wireError{InternalMessage: s})
			}
		}
	}
	return joinErrors(errs)
}

// joinErrors is the errors in one line. The internal message says what
// went wrong ("Unauthorized", "Invalid status"); the user message is
// mostly the generic "An error occurred", so it is used only alone.
func joinErrors(errs []wireError) (msg, code string) {
	var parts []string
	for _, e := range errs {
		m := strings.TrimSpace(string(e.InternalMessage))
		if u := strings.TrimSpace(string(e.UserMessage)); m == "" || (u != "" && !generic(u) && u != m) {
			if m == "" {
				m = u
			} else {
				m += " (" + u + ")"
			}
		}
		if m != "" {
			parts = append(parts, m)
		}
		if code == "" {
			code = strings.TrimSpace(string(e.Code))
		}
	}
	return strings.Join(parts, "; "), code
}

func generic(s string) bool {
	return strings.EqualFold(strings.TrimRight(s, ".!"), "an error occurred")
}
