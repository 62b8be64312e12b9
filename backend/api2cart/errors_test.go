package api2cart

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Every return code the issue names, and the ones it leaves to us, reach
// the caller as the right kind with the platform's words in one line.
func TestReturnCodes(t *testing.T) {
	codes := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 101, 102, 105, 106, 107, 109, 110, 111, 112, 113, 114, 115, 116, 12, 999}
	extra := map[int]*backend.Error{
		3: backend.ErrInvalidRequest, 8: backend.ErrConflict, 100: backend.ErrUnauthorized, 101: backend.ErrUnauthorized,
		102: backend.ErrUnavailable, 105: backend.ErrUnavailable, 111: backend.ErrInvalidRequest,
		115: backend.ErrInvalidRequest, 116: backend.ErrConflict,
	}
	for _, code := range codes {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			msg := fmt.Sprintf("Platform said no\nin two lines (%d)", code)
			body := fmt.Sprintf(`{"return_code":%d,"return_message":%q,"result":{}}`, code, msg)
			tr := &replay{body: []byte(body)}
			_, err := replayClient(t, tr).Statuses(context.Background())
			want, ok := wantKind[code]
			if !ok {
				want, ok = extra[code]
			}
			if !ok {
				want = &backend.Error{Kind: backend.KindUnknownError}
			}
			if !errors.Is(err, want) {
				t.Fatalf("code %d: got %v (kind %v), want kind %v", code, err, backend.KindOf(err), want.Kind)
			}
			s := err.Error()
			if !strings.Contains(s, "Platform said no in two lines") || strings.ContainsAny(s, "\r\n") {
				t.Errorf("message %q: want the platform's words on one line", s)
			}
			if !strings.Contains(s, fmt.Sprintf("return code %d", code)) || !strings.HasPrefix(s, "Recorded: list statuses: ") {
				t.Errorf("message %q lacks the store, the op or the code", s)
			}
			if len(tr.reqs) != 1 {
				t.Errorf("%d requests with retries off", len(tr.reqs))
			}
		})
	}
}

func TestMalformedAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		kind   *backend.Error
		words  string
	}{
		{"HTML with 200", 200, "<html><body>maintenance</body></html>", backend.ErrMalformed, "HTML"},
		{"truncated JSON", 200, `{"return_code":0,"result":{"cart_order_st`, backend.ErrMalformed, "cut short"},
		{"empty body", 200, "", backend.ErrMalformed, "empty"},
		{"no return_code", 200, `{"result":{"cart_order_statuses":[{"id":"a"}]}}`, backend.ErrMalformed, "no return_code"},
		{"return_code not a number", 200, `{"return_code":"zero","result":{}}`, backend.ErrMalformed, "could not be read"},
		{"result of the wrong shape", 200, `{"return_code":0,"result":{"cart_order_statuses":"Pending"}}`, backend.ErrMalformed, "could not be read"},
		{"no statuses", 200, `{"return_code":0,"result":{"cart_order_statuses":[]}}`, backend.ErrMalformed, "no order statuses"},
		{"HTTP 502 page", 502, "<html>bad gateway</html>", backend.ErrUnavailable, "Bad Gateway"},
		{"HTTP 500 with an envelope", 500, `{"return_code":9,"return_message":"Internal error"}`, backend.ErrUnavailable, "Internal error"},
		{"HTTP 401 without an envelope", 401, `Unauthorized`, backend.ErrUnauthorized, "Unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := replayClient(t, &replay{status: tt.status, body: []byte(tt.body)})
			_, err := c.Statuses(context.Background())
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want kind %v", err, tt.kind.Kind)
			}
			if !strings.Contains(err.Error(), tt.words) {
				t.Errorf("%q does not say %q", err, tt.words)
			}
		})
	}
}

// A malformed order fails the page with an error naming the order.
func TestMalformedOrderNamed(t *testing.T) {
	body := `{"return_code":0,"result":{"order":[{"order_id":"A1","totals":{"total":"12,50"}}]}}`
	_, err := replayClient(t, &replay{body: []byte(body)}).List(context.Background(), backend.Query{})
	if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), "order A1") {
		t.Fatalf("got %v", err)
	}
}

// An unreadable answer to a write leaves its outcome unknown.
func TestMalformedWriteIsUncertain(t *testing.T) {
	c := replayClient(t, &replay{body: []byte("<html>oops</html>")})
	_, err := c.SetStatus(context.Background(), backend.Change{OrderID: "1", To: backend.Status{Code: "Shipped"}})
	if !errors.Is(err, backend.ErrMalformed) || !backend.IsUncertain(err) {
		t.Fatalf("got %v (uncertain %v)", err, backend.IsUncertain(err))
	}
}

// Keys never reach an error, even when the platform echoes them.
func TestKeysScrubbed(t *testing.T) {
	body := `{"return_code":2,"return_message":"Incorrect API Key rec-api-key-0123456789 for store rec-store-key-0123456789 (api_key=rec-api-key-0123456789)"}`
	_, err := replayClient(t, &replay{body: []byte(body)}).Get(context.Background(), "5")
	if !errors.Is(err, backend.ErrUnauthorized) {
		t.Fatalf("got %v", err)
	}
	for _, key := range []string{"rec-api-key", "rec-store-key"} {
		if strings.Contains(err.Error(), key) || strings.Contains(fmt.Sprintf("%+v", err), key) {
			t.Errorf("error shows a key: %v", err)
		}
	}
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("expected the key replaced: %v", err)
	}
}

// A rate-limit code is retried after a back-off; a Retry-After from a
// proxy is honoured.
func TestRateLimitRetryAfter(t *testing.T) {
	tr := &replay{body: []byte(`{"return_code":7,"return_message":"Store request limit exceeded"}`), header: http.Header{"Retry-After": {"120"}}}
	_, err := replayClient(t, tr).Statuses(context.Background())
	if !errors.Is(err, backend.ErrRateLimited) {
		t.Fatalf("got %v", err)
	}
	if d := backend.RetryAfter(err); d < 100*time.Second {
		t.Errorf("RetryAfter = %v, want about 120s", d)
	}
}

func TestCursorParam(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc%2Fdef%3D", "abc%2Fdef%3D"}, // issued form: untouched
		{"abc/def=", "abc/def="},         // decoded form: / and = are fine in a query
		{"a+b", "a%2Bb"},                 // + would become a space
		{"a&b#c d", "a%26b%23c+d"},       // separators escaped
		{"50%", "50%25"},                 // a stray %
		{"%zz", "%25zz"},
	}
	for _, tt := range tests {
		if got := cursorParam(tt.in); got != tt.want {
			t.Errorf("cursorParam(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A store that cannot count still lists; the failed count is not asked
// again for every page.
func TestCountFailureRemembered(t *testing.T) {
	tr := &replay{
		body:      []byte(`{"return_code":0,"return_message":"","pagination":{"next":null},"result":{"orders_count":1,"order":[{"order_id":"7"}]}}`),
		countBody: []byte(`{"return_code":109,"return_message":"Parameter 'order_status' is not valid","result":{}}`),
	}
	c := replayClient(t, tr)
	for range 3 {
		page, err := c.List(context.Background(), backend.Query{Statuses: []string{"x"}})
		if err != nil || page.Total != -1 || len(page.Orders) != 1 || page.Orders[0].ID != "7" {
			t.Fatalf("page %+v, %v", page, err)
		}
	}
	counts := 0
	for _, r := range tr.reqs {
		if strings.HasSuffix(r.URL.Path, "order.count.json") {
			counts++
		}
	}
	if counts != 1 {
		t.Errorf("%d order.count requests for three pages, want 1", counts)
	}
}

// An escape sequence at the end of return_message is the platform's: it
// must not swallow the "(return code N)" after it (found by
// FuzzReturnCode).
func TestReturnMessageEscapeKeepsCode(t *testing.T) {
	for _, msg := range []string{"\x1b", "no\x1b[", "no\x1b]0;"} {
		quoted, _ := json.Marshal(msg)
		body := fmt.Sprintf(`{"return_code":5,"return_message":%s,"result":{}}`, quoted)
		_, err := replayClient(t, &replay{body: []byte(body)}).Statuses(context.Background())
		if err == nil || !strings.Contains(err.Error(), "(return code 5)") {
			t.Errorf("message %q: got %v, want the code named", msg, err)
		}
	}
}
