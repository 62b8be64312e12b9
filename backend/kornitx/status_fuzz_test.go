package kornitx

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

// FuzzStatusAnswer answers the Order Status API's PUT with any status and
// body, through the client's whole path (httpx, classify, errorMessage).
// A 2xx is Kornit X's acceptance: the local order takes the status. Any
// other answer is a clean *backend.Error without the key, and the local
// order is left as it was.
func FuzzStatusAnswer(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"status":"ok"}`}, {204, ``},
		{400, `{"error":{"message":"Rate limit exceeded","code":429}}`},
		{400, `{"error":{"message":"Invalid order status","code":"E12"}}`},
		{400, `{"error":"Invalid status"}`}, {400, `{"message":"quota exceeded"}`},
		{401, `{"error":{"message":"Unauthorized 850135:AD0D7-fuzz-key"}}`},
		{404, `{"error":{"message":"Order not found","code":null}}`},
		{500, `<html>oops</html>`}, {503, `{"error":{"message":"\u001b]0;pwned\u0007down"}}`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	doc, err := os.ReadFile("testdata/push_doc_shape.json")
	if err != nil {
		f.Fatal(err)
	}
	push, err := ParsePush(doc)
	if err != nil {
		f.Fatal(err)
	}
	const key = "AD0D7-fuzz-key"
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = http.StatusOK
		}
		ctx := context.Background()
		store := NewMemStore()
		o := push.Order(testStore, "GBP", time.UTC, defaultKinds)
		if _, err := store.SavePush(ctx, testStore, o, doc, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		tr := backendtest.Transport(func(*http.Request) (int, []byte) { return status, body })
		c, err := New(Config{
			StoreConfig: backend.StoreConfig{Name: testStore, Platform: Platform, URL: "https://kornit.example.test"},
			RefID:       "850135", APIKey: key,
		}, store, httpx.Options{Transport: tr, Retries: -1, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, MaxWait: time.Nanosecond})
		if err != nil {
			t.Fatal(err)
		}
		ch := backend.Change{Store: testStore, OrderID: o.ID, From: o.Status, To: backend.Status{Code: "8"}, Tracking: "1Z999", Operator: "sam"}
		got, err := c.SetStatus(ctx, ch)
		if status >= 200 && status < 300 {
			if err != nil || got.Status.Code != "8" || got.Tracking != "1Z999" {
				t.Fatalf("a %d answer: order %+v, %v", status, got.Status, err)
			}
			return
		}
		if err == nil {
			t.Fatalf("a %d answer accepted", status)
		}
		if err := backendtest.CheckError(err, testStore, nil, key, "850135:"+key); err != nil {
			t.Fatal(err)
		}
		now, gerr := store.Get(ctx, testStore, o.ID)
		if gerr != nil || now.Status.Code != o.Status.Code {
			t.Fatalf("the local order changed after a refusal: %+v, %v", now.Status, gerr)
		}
	})
}
