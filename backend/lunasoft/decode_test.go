package lunasoft

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

const base = "/site_api/shopping_cart"

func TestGetDecodesSeedOrder(t *testing.T) {
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	o, err := c.Get(context.Background(), "54123")
	if err != nil {
		t.Fatal(err)
	}
	mdt := time.FixedZone("", -6*3600)
	checks := []struct {
		name      string
		got, want any
	}{
		{"id", o.ID, "54123"},
		{"number", o.Number, "54123"},
		{"status", o.Status, backend.Status{Code: "Complete", Name: "Complete", Kind: backend.KindCompleted}},
		{"created, offset without colon, in UTC", o.Created, time.Date(2015, 4, 27, 17, 34, 31, 0, mdt).UTC()},
		{"modified empty", o.Updated.IsZero(), true},
		{"customer", o.Customer, backend.Customer{Name: "Test Customer", Email: "email@test.com", Phone: "801-755-9966"}},
		{"total", o.Total, "322.85"},
		{"tax", o.Tax, "19.86"},
		{"shipping", o.Shipping, "13.00"},
		{"currency", o.Currency, "USD"},
		{"items", len(o.Items), 1},
		{"item", o.Items[0], backend.Item{Name: "Test Product", Quantity: 1, Price: "289.99", Total: "289.99"}},
		{"item count", o.ItemCount, 1},
		{"ship to", o.ShipTo.City + "|" + o.ShipTo.Region + "|" + o.ShipTo.Postcode + "|" + o.ShipTo.Country, "salt lake city|UT|84101|US"},
		{"ship to lines", strings.Join(o.ShipTo.Lines, "|"), "10 w broadway ste 701"},
		{"bill to", o.BillTo != nil && o.BillTo.Name == "Test Customer", true},
		{"payment", o.Payment, "Credit Card (Visa …0027)"},
		{"ship method", o.ShipMethod, "flat rate"},
		{"history", len(o.History), 3},
		{"detailed", o.Detailed, true},
		{"newest first", o.History[0].Status.Code + "," + o.History[1].Status.Code + "," + o.History[2].Status.Code, "Complete,Shipped,Processing"},
		{"event", o.History[1], backend.Event{At: time.Date(2015, 7, 15, 8, 49, 44, 0, mdt).UTC(), Status: backend.Status{Code: "Shipped", Name: "Shipped", Kind: backend.KindShipped}, Note: "Order has been shipped", Notified: true, Source: backend.SourcePlatform}},
		{"actor from created_user_id", o.History[2].Actor, "user 2"},
		{"no actor when null", o.History[0].Actor, ""},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s: got %#v, want %#v", tc.name, tc.got, tc.want)
		}
	}
}

func TestGetCleansHostileOrder(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders/777", serveFile(t, "order_hostile.json"))
	c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.TimeZone = "America/Denver" })
	o, err := c.Get(context.Background(), "777")
	if err != nil {
		t.Fatal(err)
	}
	all := []string{o.Customer.Name, o.Notes, o.AdminNotes, o.Items[0].Name, strings.Join(o.ShipTo.Lines, " ")}
	for _, e := range o.History {
		all = append(all, e.Note, e.Status.Code)
	}
	for _, s := range all {
		if strings.ContainsAny(s, "\x1b\x07\u0085\u009c\u202e\u202c\t") {
			t.Errorf("not cleaned: %q", s)
		}
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"OSC 52 (clipboard) removed", o.Customer.Name, "Mallory eciR"},
		{"e-mail falls back to user_email", o.Customer.Email, "mallory@example.com"},
		{"number falls back to id", o.Number, "777"},
		{"number total", o.Total, "322.85"},
		{"address line break becomes a space", o.ShipTo.Lines[0], "1 Main St  Suite 9"},
		{"time without offset read in the site's zone", o.Created, time.Date(2015, 4, 27, 23, 34, 31, 0, time.UTC)},
		{"all-zero date is none", o.Updated.IsZero(), true},
		{"quantity 2.00", o.Items[0].Quantity, 2},
		{"keyed history sorted newest first, ties by id", o.History[0].Status.Code + "," + o.History[1].Status.Code + "," + o.History[2].Status.Code, "Shipped,Wat,Processing"},
		{"notify as \"1\"", o.History[0].Notified, true},
		{"tracking from the note", o.History[0].Tracking, "1Z999AA1"},
		{"order tracking from the newest", o.Tracking, "1Z999AA1"},
		{"unknown status name", o.History[1].Status.Kind, backend.KindOther},
		{"user 0 is nobody", o.History[1].Actor, ""},
		{"numeric user id", o.History[2].Actor, "user 2"},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s: got %#v, want %#v", tc.name, tc.got, tc.want)
		}
	}
}

func TestGetKeepsLongNotes(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders/54123", serveFile(t, "order_longnotes.json"))
	c := newTestClient(t, f.srv.URL+base)
	o, err := c.Get(context.Background(), "54123")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Notes) != 9999 || len(o.History[0].Note) != 9999 || strings.Count(o.Notes, "\n") != 99 {
		t.Errorf("notes %d bytes, history note %d bytes", len(o.Notes), len(o.History[0].Note))
	}
}

func TestGetMalformed(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"wrong type names the order", string(backendtest.Fixture(t, "order_wrongtypes.json")), "order 778"},
		{"unreadable date names the field", string(backendtest.Fixture(t, "order_baddate.json")), "created"},
		{"seed's trailing comma", `{"id":"54123","statuses":[{"status":"Shipped","notify_customer":true,}]}`, "could not be read"},
		{"truncated", `{"id":"54123","current_status":"Comp`, "cut short"},
		{"html", "<!DOCTYPE html><title>502 Bad Gateway</title>", "HTML"},
		{"other order", `{"id":"1","statuses":[]}`, "order 1"},
		{"history entry with a bad date", `{"id":"54123","statuses":[{"id":"1","status":"Shipped","created":"soon"}]}`, "status created"},
		{"history not a list", `{"id":"54123","statuses":"Complete"}`, "could not be read"},
		{"total as a boolean", `{"id":"54123","total":true}`, "could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.on("GET /orders/54123", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(tc.body)) })
			c := newTestClient(t, f.srv.URL+base)
			_, err := c.Get(context.Background(), "54123")
			e := checkErr(t, err, backend.ErrMalformed)
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message %q lacks %q", e.Message, tc.want)
			}
		})
	}
}

func TestGetErrors(t *testing.T) {
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	_, err := c.Get(context.Background(), "1")
	e := checkErr(t, err, backend.ErrNotFound)
	if !strings.Contains(e.Message, "no order 1") || e.Code != "404" {
		t.Errorf("error %v code %q", err, e.Code)
	}
	for _, id := range []string{"", "../orders", "1?x", "abc"} {
		_, err := c.Get(context.Background(), id)
		checkErr(t, err, backend.ErrInvalidRequest)
	}
	if n := f.Count("GET"); n != 1 {
		t.Errorf("%d requests", n)
	}
}

func TestErrorMessage(t *testing.T) {
	cases := []struct{ body, msg, code string }{
		{`{"errors":[{"internal_message":"Unauthorized","user_message":"An error occurred","code":"401","more_info":"x"}]}`, "Unauthorized", "401"},
		{`{"errors":[{"internal_message":"","user_message":"Order not found","code":404}]}`, "Order not found", "404"},
		{`{"errors":[{"internal_message":"Invalid status","user_message":"Pick another status"},{"internal_message":"Notes too long"}]}`, "Invalid status (Pick another status); Notes too long", ""},
		{`{"errors":["plain words"]}`, "plain words", ""},
		{`{"errors":{"0":{"internal_message":"keyed"}}}`, "keyed", ""},
		{`{"errors":null}`, "", ""},
		{`not json`, "", ""},
	}
	for _, tc := range cases {
		msg, code := errorMessage([]byte(tc.body))
		if msg != tc.msg || code != tc.code {
			t.Errorf("%s: got %q %q, want %q %q", tc.body, msg, code, tc.msg, tc.code)
		}
	}
}
