package backend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestErrorIs(t *testing.T) {
	e := &Error{Kind: KindNotFound, Store: "EU", Op: "get order 9", Message: "no order 9", HTTPStatus: 404}
	wrapped := fmt.Errorf("show: %w", e)
	joined := errors.Join(errors.New("other"), wrapped)
	for _, err := range []error{e, wrapped, joined} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%v is not ErrNotFound", err)
		}
		if errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrUnavailable) {
			t.Errorf("%v matches another kind", err)
		}
	}
	// Only sentinels match by kind: two real errors are not "the same".
	if errors.Is(e, &Error{Kind: KindNotFound, Store: "EU"}) {
		t.Error("a non-sentinel target matched")
	}
	if errors.Is(errors.New("plain"), ErrNotFound) {
		t.Error("a plain error matched")
	}
	cause := context.DeadlineExceeded
	if !errors.Is(&Error{Kind: KindUnavailable, Err: cause}, context.DeadlineExceeded) {
		t.Error("Unwrap does not reach the cause")
	}
}

func TestErrorText(t *testing.T) {
	cases := []struct {
		e    *Error
		want string
	}{
		{&Error{Kind: KindNotFound, Store: "EU", Op: "get order 9", Message: "no order 9"}, "EU: get order 9: not found: no order 9"},
		{&Error{Kind: KindRateLimited, Store: "EU", RetryAfter: 1500 * time.Millisecond}, "EU: rate limited (retry in 2s)"},
		{&Error{Kind: KindUnavailable, Op: "set status of 9", Message: "timed out", Uncertain: true},
			"set status of 9: unavailable: timed out (the change may have been applied; it is left for reconciliation: orderdash journal reconcile)"},
		{&Error{Kind: KindMalformed, Message: "bad\n\x1b[31mline\u202e"}, "malformed answer: bad line"},
		{&Error{}, "error"},
	}
	for _, tc := range cases {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	for k := KindUnknownError; k <= KindJournal; k++ {
		if k.String() == "" {
			t.Errorf("kind %d has no name", k)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	rl := fmt.Errorf("list: %w", &Error{Kind: KindRateLimited, RetryAfter: 3 * time.Second})
	unc := &Error{Kind: KindUnavailable, Uncertain: true}
	cases := []struct {
		err       error
		kind      ErrorKind
		uncertain bool
		retry     time.Duration
		temporary bool
	}{
		{rl, KindRateLimited, false, 3 * time.Second, true},
		{unc, KindUnavailable, true, 0, true},
		{&Error{Kind: KindUnauthorized}, KindUnauthorized, false, 0, false},
		{errors.New("plain"), KindUnknownError, false, 0, false},
		{nil, KindUnknownError, false, 0, false},
	}
	for _, tc := range cases {
		if KindOf(tc.err) != tc.kind || IsUncertain(tc.err) != tc.uncertain || RetryAfter(tc.err) != tc.retry || Temporary(tc.err) != tc.temporary {
			t.Errorf("%v: kind %v uncertain %v retry %v temporary %v", tc.err, KindOf(tc.err), IsUncertain(tc.err), RetryAfter(tc.err), Temporary(tc.err))
		}
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("hunter2-key")
	type cfg struct {
		Name string
		Key  Secret
	}
	c := cfg{"EU", s}
	for _, out := range []string{
		fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v", c, c, c), fmt.Sprintf("%v", &c),
	} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("printed: %s", out)
		}
	}
	b, _ := json.Marshal(c)
	if strings.Contains(string(b), "hunter2") || !strings.Contains(string(b), "[redacted]") {
		t.Errorf("JSON: %s", b)
	}
	if txt, _ := s.MarshalText(); string(txt) != "[redacted]" {
		t.Errorf("text: %s", txt)
	}
	if s.Reveal() != "hunter2-key" || !s.IsSet() || Secret("").IsSet() {
		t.Error("Reveal/IsSet")
	}
}
