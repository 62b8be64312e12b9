package lunasoft

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// BenchmarkDecodePage decodes a full page (50 rows of the seed's order),
// ours against plain (backendtest.DecodePage).
func BenchmarkDecodePage(b *testing.B) {
	order := string(backendtest.Fixture(b, "order_54123.json"))
	page := []byte(`{"orders":[` + strings.TrimSuffix(strings.Repeat(order+",", 50), ",") + `],"next_page":2}`)
	c := newTestClient(b, "https://site.example.test"+base)
	backendtest.DecodePage(b, page, 50, func() (int, error) {
		orders, _, err := c.decodeList(page)
		return len(orders), err
	}, func() (int, error) {
		var l plainList
		err := json.Unmarshal(page, &l)
		return len(l.Orders), err
	})
}

// plainList is GET …/orders with the fields wireOrder holds, typed as the
// fixture sends them.
type plainList struct {
	Orders []struct {
		ID                string      `json:"id"`
		OrderNum          string      `json:"order_num"`
		CurrentStatus     string      `json:"current_status"`
		UserEmail         string      `json:"user_email"`
		FirstName         string      `json:"first_name"`
		LastName          string      `json:"last_name"`
		Phone             string      `json:"phone"`
		Email             string      `json:"email"`
		Total             json.Number `json:"total"`
		Tax               json.Number `json:"tax"`
		ShippingCost      json.Number `json:"shipping_cost"`
		CustomerNote      string      `json:"customer_note"`
		Notes             string      `json:"notes"`
		PaymentOption     string      `json:"payment_option"`
		CardType          string      `json:"card_type"`
		CardLast4         string      `json:"card_last_4"`
		ShippingOption    string      `json:"shipping_option"`
		BillingFirstName  string      `json:"billing_first_name"`
		BillingLastName   string      `json:"billing_last_name"`
		BillingPhone      string      `json:"billing_phone"`
		BillingCompany    string      `json:"billing_company"`
		BillingAddress    string      `json:"billing_address"`
		BillingAddress2   string      `json:"billing_address2"`
		BillingCity       string      `json:"billing_city"`
		BillingState      string      `json:"billing_state"`
		BillingZip        string      `json:"billing_zip"`
		BillingCountry    string      `json:"billing_country"`
		ShippingFirstName string      `json:"shipping_first_name"`
		ShippingLastName  string      `json:"shipping_last_name"`
		ShippingPhone     string      `json:"shipping_phone"`
		ShippingCompany   string      `json:"shipping_company"`
		ShippingAddress   string      `json:"shipping_address"`
		ShippingAddress2  string      `json:"shipping_address2"`
		ShippingCity      string      `json:"shipping_city"`
		ShippingState     string      `json:"shipping_state"`
		ShippingZip       string      `json:"shipping_zip"`
		ShippingCountry   string      `json:"shipping_country"`
		Created           string      `json:"created"`
		Modified          string      `json:"modified"`
		LineItems         []struct {
			ID        string      `json:"id"`
			ProductID string      `json:"product_id"`
			Name      string      `json:"name"`
			Model     string      `json:"model"`
			SKU       string      `json:"sku"`
			Cost      json.Number `json:"cost"`
			Quantity  json.Number `json:"quantity"`
			TotalCost json.Number `json:"total_cost"`
		} `json:"line_items"`
		Statuses []struct {
			ID             string `json:"id"`
			Status         string `json:"status"`
			Notes          string `json:"notes"`
			NotifyCustomer bool   `json:"notify_customer"`
			Created        string `json:"created"`
			CreatedUserID  string `json:"created_user_id"`
		} `json:"statuses"`
		Errors []struct {
			InternalMessage string `json:"internal_message"`
			UserMessage     string `json:"user_message"`
			Code            string `json:"code"`
			MoreInfo        string `json:"more_info"`
		} `json:"errors"`
	} `json:"orders"`
	NextPage int `json:"next_page"`
}

// BenchmarkSimSetStatus is a whole status change against the simulated
// site: read, POST, confirm from the answer.
func BenchmarkSimSetStatus(b *testing.B) {
	srv, err := lunasoftsim.Start(lunasoftsim.Options{Orders: 50})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := New(Config{StoreConfig: backend.StoreConfig{Name: "Luna Site", URL: srv.URL()}, APIKey: "demo-lunasoft-key", Statuses: srv.Statuses()}, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	// Round-robin over the orders, so no one history grows without bound.
	ids := srv.IDs()
	cur := map[string]string{}
	for _, id := range ids {
		o, _ := srv.Order(id)
		cur[id] = o.CurrentStatus
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		id := ids[i%len(ids)]
		next := "Shipped"
		if cur[id] == next {
			next = "Processing"
		}
		if _, err := c.SetStatus(context.Background(), backend.Change{OrderID: id, To: backend.Status{Code: next}, Requested: time.Now()}); err != nil {
			b.Fatal(err)
		}
		cur[id] = next
		i++
	}
}
