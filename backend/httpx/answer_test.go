package httpx

import (
	"errors"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

func TestMalformed(t *testing.T) {
	c := newClient(t, "https://store.example")
	cause := errors.New("unexpected " + secret)
	cases := []struct {
		name   string
		resp   *Response
		status int
	}{
		{"with an answer", &Response{Status: 200}, 200},
		{"without one", nil, 0},
	}
	for _, tc := range cases {
		e := c.Malformed("list orders", tc.resp, cause)
		switch {
		case e.Kind != backend.KindMalformed || e.Store != "EU" || e.Op != "list orders":
			t.Errorf("%s: %+v", tc.name, e)
		case e.Message != "the store's answer could not be read: unexpected [redacted]":
			t.Errorf("%s: message %q", tc.name, e.Message)
		case e.HTTPStatus != tc.status:
			t.Errorf("%s: HTTP status %d, want %d", tc.name, e.HTTPStatus, tc.status)
		case !errors.Is(e, cause):
			t.Errorf("%s: the cause is lost", tc.name)
		}
	}
}

func TestNotFound(t *testing.T) {
	c := newClient(t, "https://store.example")
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"not found is reworded", c.Error(backend.KindNotFound, "get order 7", "Not Found"), "the store has no order 7"},
		{"other kinds keep their words", c.Error(backend.KindUnavailable, "get order 7", "Bad Gateway"), "Bad Gateway"},
	}
	for _, tc := range cases {
		var e *backend.Error
		if !errors.As(c.NotFound(tc.err, "7"), &e) || e.Message != tc.want {
			t.Errorf("%s: got %v, want message %q", tc.name, e, tc.want)
		}
	}
	plain := errors.New("not a backend error")
	if got := c.NotFound(plain, "7"); got != plain {
		t.Errorf("a plain error changed: %v", got)
	}
}
