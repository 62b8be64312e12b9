package backendtest

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/orderdash/orderdash/backend"
)

// Answer is the Transport of a fuzz input: every request gets status (200
// where status is no HTTP status) and body.
func Answer(status int, body []byte) Transport {
	if status < 100 || status > 599 {
		status = http.StatusOK
	}
	return func(*http.Request) (int, []byte) { return status, body }
}

// Kinds is what CheckError may accept for an answer of status that could
// not be read: for a 2xx only KindMalformed and also, for any other status
// any kind (nil).
func Kinds(status int, also ...backend.ErrorKind) []backend.ErrorKind {
	if status < 200 || status > 299 {
		return nil
	}
	return append(append([]backend.ErrorKind(nil), also...), backend.KindMalformed)
}

// CheckPage reports every way p breaks what the domain promises of a page
// decoded from untrusted input: an order CheckOrder flags, a total below
// -1 (unknown). nil means none.
func CheckPage(p backend.Page) error {
	var errs []error
	for i, o := range p.Orders {
		if err := CheckOrder(o); err != nil {
			errs = append(errs, fmt.Errorf("order %d: %w", i+1, err))
		}
	}
	if p.Total < -1 {
		errs = append(errs, fmt.Errorf("total %d", p.Total))
	}
	return errors.Join(errs...)
}

// CheckStatuses reports an empty or repeated code in a status list, or a
// code or name CheckText refuses. nil means none.
func CheckStatuses(list []backend.Status) error {
	seen := map[string]bool{}
	for _, s := range list {
		if s.Code == "" || seen[s.Code] {
			return fmt.Errorf("status list %+v: empty or repeated code %q", list, s.Code)
		}
		seen[s.Code] = true
		for _, txt := range []string{s.Code, s.Name} {
			if err := CheckText(txt, false); err != nil {
				return err
			}
		}
	}
	return nil
}
