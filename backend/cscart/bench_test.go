package cscart

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// BenchmarkDecodePage decodes a page of 50 full orders (get_orders_data=1)
// of the seed's field set, ours against plain (backendtest.DecodePage).
func BenchmarkDecodePage(b *testing.B) {
	order := string(backendtest.Fixture(b, "order_98.json"))
	rows := strings.TrimSuffix(strings.Repeat(order+",", 50), ",")
	page := []byte(`{"orders":[` + rows + `],"params":{"page":1,"items_per_page":"50","total_items":"5000"}}`)
	c := newTestClient(b, "https://shop.example.test/api")
	backendtest.DecodePage(b, page, 50, func() (int, error) {
		orders, _, err := c.decodeList(page, 50)
		return len(orders), err
	}, func() (int, error) {
		var l plainList
		err := json.Unmarshal(page, &l)
		return len(l.Orders), err
	})
}

// plainList is GET /orders with the fields wireOrder holds, typed as the
// fixture sends them.
type plainList struct {
	Orders []struct {
		OrderID          string      `json:"order_id"`
		Status           string      `json:"status"`
		Timestamp        string      `json:"timestamp"`
		UpdatedAt        string      `json:"updated_at"`
		Firstname        string      `json:"firstname"`
		Lastname         string      `json:"lastname"`
		Company          string      `json:"company"`
		Email            string      `json:"email"`
		Phone            string      `json:"phone"`
		Total            json.Number `json:"total"`
		Subtotal         json.Number `json:"subtotal"`
		SubtotalDiscount json.Number `json:"subtotal_discount"`
		ShippingCost     json.Number `json:"shipping_cost"`
		TaxSubtotal      json.Number `json:"tax_subtotal"`
		Notes            string      `json:"notes"`
		Details          string      `json:"details"`
		Products         map[string]struct {
			ItemID      string      `json:"item_id"`
			ProductID   string      `json:"product_id"`
			ProductCode string      `json:"product_code"`
			Product     string      `json:"product"`
			Amount      json.Number `json:"amount"`
			Price       json.Number `json:"price"`
			Subtotal    json.Number `json:"subtotal"`
		} `json:"products"`
		PaymentMethod struct {
			Payment string `json:"payment"`
		} `json:"payment_method"`
		Shipping []struct {
			Shipping string `json:"shipping"`
		} `json:"shipping"`
		VendorRef   string `json:"vendor_ref"`
		SFirstname  string `json:"s_firstname"`
		SLastname   string `json:"s_lastname"`
		SAddress    string `json:"s_address"`
		SAddress2   string `json:"s_address_2"`
		SCity       string `json:"s_city"`
		SState      string `json:"s_state"`
		SStateDescr string `json:"s_state_descr"`
		SZipcode    string `json:"s_zipcode"`
		SCountry    string `json:"s_country"`
		SPhone      string `json:"s_phone"`
		BFirstname  string `json:"b_firstname"`
		BLastname   string `json:"b_lastname"`
		BAddress    string `json:"b_address"`
		BAddress2   string `json:"b_address_2"`
		BCity       string `json:"b_city"`
		BState      string `json:"b_state"`
		BStateDescr string `json:"b_state_descr"`
		BZipcode    string `json:"b_zipcode"`
		BCountry    string `json:"b_country"`
		BPhone      string `json:"b_phone"`
	} `json:"orders"`
	Params struct {
		Page         int    `json:"page"`
		ItemsPerPage string `json:"items_per_page"`
		TotalItems   string `json:"total_items"`
	} `json:"params"`
}

// BenchmarkSimList is one 50-row page from the simulated marketplace over
// loopback: HTTP, the store's encoding and the client's decoding.
func BenchmarkSimList(b *testing.B) {
	srv, err := cscartsim.Start(cscartsim.Options{Orders: 500})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := New(Config{StoreConfig: backend.StoreConfig{Name: "Market EU", URL: srv.URL()}, Email: "demo@orderdash.test", APIKey: simKey}, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.List(context.Background(), backend.Query{PageSize: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
