package api2cart

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// BenchmarkDecodePage decodes the simulator's first page of 50 orders,
// ours against plain (backendtest.DecodePage).
func BenchmarkDecodePage(b *testing.B) {
	c, page := simPage(b)
	if _, _, ok := c.readList(page, 50); !ok {
		b.Fatal("the one-pass reader does not take the simulator's page")
	}
	backendtest.DecodePage(b, page, 50, func() (int, error) {
		orders, _, err := c.decodeList("list orders", page, 50)
		return len(orders), err
	}, func() (int, error) {
		var a plainAnswer
		err := json.Unmarshal(page, &a)
		return len(a.Result.Order), err
	})
}

// plainAnswer is order.list's answer with the fields order holds, typed as
// the simulator sends them.
type plainAnswer struct {
	ReturnCode    int    `json:"return_code"`
	ReturnMessage string `json:"return_message"`
	Pagination    struct {
		Previous *string `json:"previous"`
		Next     string  `json:"next"`
	} `json:"pagination"`
	Result struct {
		OrdersCount int `json:"orders_count"`
		Order       []struct {
			ID         string    `json:"id"`
			OrderID    string    `json:"order_id"`
			Customer   plainCust `json:"customer"`
			CreateAt   plainTime `json:"create_at"`
			ModifiedAt plainTime `json:"modified_at"`
			Currency   struct {
				ISO3 string `json:"iso3"`
				ID   string `json:"id"`
			} `json:"currency"`
			ShippingAddress plainAddr             `json:"shipping_address"`
			BillingAddress  *plainAddr            `json:"billing_address"`
			PaymentMethod   struct{ Name string } `json:"payment_method"`
			ShippingMethod  struct{ Name string } `json:"shipping_method"`
			Status          struct {
				ID, Name string
			} `json:"status"`
			Totals struct {
				Total, Subtotal, Shipping, Tax, Discount json.Number
			} `json:"totals"`
			Total struct {
				Total         json.Number `json:"total"`
				SubtotalExTax json.Number `json:"subtotal_ex_tax"`
				ShippingExTax json.Number `json:"shipping_ex_tax"`
				TotalTax      json.Number `json:"total_tax"`
				TotalDiscount json.Number `json:"total_discount"`
			} `json:"total"`
			OrderProducts []struct {
				ProductID      string      `json:"product_id"`
				OrderProductID string      `json:"order_product_id"`
				Model          string      `json:"model"`
				Name           string      `json:"name"`
				Price          json.Number `json:"price"`
				Quantity       json.Number `json:"quantity"`
				TotalPrice     json.Number `json:"total_price"`
			} `json:"order_products"`
			Comment *string `json:"comment"`
		} `json:"order"`
	} `json:"result"`
}

type plainCust struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Phone     string `json:"phone"`
}

type plainTime struct {
	Value  string `json:"value"`
	Format string `json:"format"`
}

type plainAddr struct {
	FirstName string     `json:"first_name"`
	LastName  string     `json:"last_name"`
	Company   string     `json:"company"`
	Address1  string     `json:"address1"`
	Address2  string     `json:"address2"`
	City      string     `json:"city"`
	Postcode  string     `json:"postcode"`
	Phone     string     `json:"phone"`
	Country   plainPlace `json:"country"`
	State     plainPlace `json:"state"`
}

type plainPlace struct {
	Code  string `json:"code"`
	Code2 string `json:"code2"`
	Code3 string `json:"code3"`
	Name  string `json:"name"`
}

// capture keeps the body of the last order.list answer it carried.
type capture struct{ body []byte }

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil || !strings.HasSuffix(r.URL.Path, "/order.list.json") {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	c.body = b
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

// simPage is the simulator's answer to a first page of 50 orders, as the
// client asks for it, and a client that has read it.
func simPage(b *testing.B) (*Client, []byte) {
	srv, err := api2cartsim.Start(api2cartsim.Options{Orders: 500})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	tr := &capture{}
	c, err := New(Config{
		StoreConfig: backend.StoreConfig{Name: "A2C bench", URL: srv.URL()},
		APIKey:      api2cartsim.DefaultAPIKey,
		StoreKey:    api2cartsim.DefaultStoreKey,
	}, httpx.Options{Transport: tr, Retries: -1})
	if err != nil {
		b.Fatal(err)
	}
	if p, err := c.List(context.Background(), backend.Query{SkipTotal: true}); err != nil || len(p.Orders) != 50 || tr.body == nil {
		b.Fatal(len(p.Orders), err)
	}
	return c, tr.body
}
