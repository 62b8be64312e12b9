// Package backendtest holds what the tests of every platform client share:
// the invariants a decoded order and a returned error must keep whatever a
// store sent, and a transport that answers without a network, so a fuzz
// target can feed a client any bytes through its own code path; and Store,
// an in-memory backend for the dashboard's tests and benchmarks.
package backendtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
)

// Transport answers every request with the status and body its function
// returns for it; a status of 0 is 200. It never touches the network.
type Transport func(req *http.Request) (status int, body []byte)

func (f Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	status, body := f(req)
	if status == 0 {
		status = http.StatusOK
	}
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Header:        http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// Body is a Transport that answers every request with 200 and body.
func Body(body []byte) Transport {
	return func(*http.Request) (int, []byte) { return http.StatusOK, body }
}

// maxField bounds any text an order keeps: the longest field bound and the
// "…" that marks a cut.
const maxField = backend.MaxFieldText + len("…")

// multiLine are the fields that keep newlines (backend.FieldText).
var multiLine = map[string]bool{"Notes": true, "AdminNotes": true, "Note": true}

// CheckOrder reports every way o breaks what the domain promises of an
// order decoded from untrusted input: its text is valid UTF-8 without
// control or bidi characters (newlines only in notes) and bounded, counts
// are not negative, times are UTC. nil means none.
func CheckOrder(o backend.Order) error {
	var errs []error
	walkStrings(reflect.ValueOf(o), "order", "", func(path, field, s string) {
		if err := CheckText(s, multiLine[field]); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		if len(s) > maxField {
			errs = append(errs, fmt.Errorf("%s: %d bytes", path, len(s)))
		}
	})
	if o.ItemCount < 0 {
		errs = append(errs, fmt.Errorf("item count %d", o.ItemCount))
	}
	for i, it := range o.Items {
		if it.Quantity < 0 {
			errs = append(errs, fmt.Errorf("item %d: quantity %d", i+1, it.Quantity))
		}
	}
	times := map[string]time.Time{"created": o.Created, "updated": o.Updated}
	for i, e := range o.History {
		times[fmt.Sprintf("history[%d]", i)] = e.At
	}
	for name, t := range times {
		if !t.IsZero() && t.Location() != time.UTC {
			errs = append(errs, fmt.Errorf("%s is in %s, not UTC", name, t.Location()))
		}
	}
	return errors.Join(errs...)
}

// CheckText reports a rune that must not reach a terminal: invalid UTF-8,
// a C0 or C1 control (but a newline where newline is set), DEL, a bidi
// control, a BOM or a line or paragraph separator.
func CheckText(s string, newline bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("invalid UTF-8 in %.60q", s)
	}
	for _, r := range s {
		switch {
		case r == '\n' && newline:
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0,
			backend.IsBidiControl(r), r == 0xfeff, r == 0x2028, r == 0x2029:
			return fmt.Errorf("%U in %.60q", r, s)
		}
	}
	return nil
}

// CheckError reports how err breaks what a client's error promises: it is
// a *backend.Error of one of kinds (any kind when none is given) naming
// store, its text is one clean line, and it holds none of the secrets.
func CheckError(err error, store string, kinds []backend.ErrorKind, secrets ...string) error {
	var e *backend.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%T is not a *backend.Error: %v", err, err)
	}
	msg := err.Error()
	if len(kinds) > 0 && !contains(kinds, e.Kind) {
		return fmt.Errorf("kind %q, want one of %v: %s", e.Kind, kinds, msg)
	}
	if e.Store != store {
		return fmt.Errorf("store %q, want %q: %s", e.Store, store, msg)
	}
	if err := CheckText(msg, false); err != nil {
		return fmt.Errorf("error text: %w", err)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(msg, s) {
			return fmt.Errorf("error shows a secret: %s", msg)
		}
	}
	return nil
}

func contains(kinds []backend.ErrorKind, k backend.ErrorKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// walkStrings calls fn with every string reachable from v, its path and
// the name of the struct field that holds it.
func walkStrings(v reflect.Value, path, field string, fn func(path, field, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, field, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, field, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i), field, fn)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() {
				walkStrings(v.Field(i), path+"."+f.Name, f.Name, fn)
			}
		}
	}
}
