package cscart

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// The seed's status letters in the order an operator meets them, with
// their English names. Y (awaiting call) is core CS-Cart, not in the seed:
// it is named for orders that carry it but not offered by the fallback.
var seedLetters = []string{"O", "P", "C", "F", "D", "B", "I", "H", "G", "E"}

var defaultNames = map[string]string{
	"P": "Processed",
	"C": "Complete",
	"O": "Open",
	"F": "Failed",
	"D": "Declined",
	"B": "Backordered",
	"I": "Cancelled",
	"H": "Return complete",
	"G": "Return in progress",
	"N": "Incomplete",
	"E": "Unpaid",
	"Y": "Awaiting call",
}

var defaultKinds = backend.KindMap{
	"P": backend.KindProcessing,
	"C": backend.KindCompleted,
	"O": backend.KindPending,
	"F": backend.KindFailed,
	"D": backend.KindCancelled,
	"B": backend.KindOnHold,
	"I": backend.KindCancelled,
	"H": backend.KindRefunded,
	"G": backend.KindOnHold, // return in progress
	"N": backend.KindPending,
	"E": backend.KindPending,
	"Y": backend.KindPending,
}

// incomplete is the hidden initial status: the store sets it while it waits
// for the payment gateway, and no administrator can set it.
const incomplete = "N"

const statusesPerPage = 100

// status builds a Status for a letter, named as the store names it when
// /statuses has answered, else with the seed's name.
func (c *Client) status(code string) backend.Status {
	code = backend.FieldLine(code)
	c.mu.RLock()
	name, ok := c.names[code]
	c.mu.RUnlock()
	if !ok {
		name = defaultNames[code]
	}
	return backend.Status{Code: code, Name: name, Kind: c.kinds.Kind(code)}
}

// Statuses lists the statuses an operator may set: the store's own list
// from GET /statuses (both its shapes), or the seed's letters when the
// endpoint is absent or refused to this account. N is never offered.
func (c *Client) Statuses(ctx context.Context) ([]backend.Status, error) {
	rows, err := c.fetchStatuses(ctx)
	if err != nil {
		if !fallbackOK(err) {
			return nil, err
		}
		c.log.Debug("no usable status endpoint; offering the seed's letters", "store", c.cfg.Name, "cause", err.Error())
		rows = nil
	}
	if len(rows) == 0 {
		out := make([]backend.Status, 0, len(seedLetters))
		for _, l := range seedLetters {
			out = append(out, c.status(l))
		}
		return out, nil
	}
	names := make(map[string]string, len(rows))
	out := make([]backend.Status, 0, len(rows))
	for _, r := range rows {
		code := backend.FieldLine(r.Status)
		if code == "" {
			continue
		}
		if _, dup := names[code]; dup {
			continue
		}
		name := backend.FieldLine(r.Description)
		if name == "" {
			name = defaultNames[code]
		}
		names[code] = name
		if code == incomplete {
			continue
		}
		out = append(out, backend.Status{Code: code, Name: name, Kind: c.kinds.Kind(code)})
	}
	c.mu.Lock()
	c.names = names
	c.mu.Unlock()
	return out, nil
}

// fallbackOK says whether a failed /statuses call means "this store has no
// usable status endpoint" (use the seed's list) rather than a failure the
// operator must see. Bad credentials are not a reason to fall back: every
// other call would fail the same way.
func fallbackOK(err error) bool {
	var e *backend.Error
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case e.Kind == backend.KindNotFound, e.Kind == backend.KindUnsupported:
		return true
	case e.HTTPStatus == http.StatusForbidden, e.HTTPStatus == http.StatusMethodNotAllowed,
		e.HTTPStatus == http.StatusNotImplemented, e.HTTPStatus == http.StatusNotAcceptable:
		return true
	}
	return false
}

// fetchStatuses reads every page of order statuses (type O).
func (c *Client) fetchStatuses(ctx context.Context) ([]wireStatus, error) {
	const op = "list statuses"
	var all []wireStatus
	for page := 1; page <= 20; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "items_per_page": {strconv.Itoa(statusesPerPage)}}
		resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "statuses", Query: q})
		if err != nil {
			return nil, err
		}
		rows, total, err := decodeStatuses(resp.Body)
		if err != nil {
			return nil, c.http.Malformed(op, resp, err)
		}
		for _, r := range rows {
			if t := strings.ToUpper(strings.TrimSpace(string(r.Type))); t == "" || t == "O" {
				all = append(all, r)
			}
		}
		// A bare array, or a page that is short or complete, is the end.
		if total < 0 || len(rows) < statusesPerPage || page*statusesPerPage >= total {
			break
		}
	}
	return all, nil
}

// decodeStatuses accepts {"statuses":[…],"params":{…}} (CS-Cart 4.13+), a
// bare array (older docs), and either list as an object keyed by id.
// total is params.total_items, or -1 when the answer does not say.
func decodeStatuses(body []byte) (rows []wireStatus, total int, err error) {
	body = bytes.TrimSpace(body)
	if err := httpx.Decode(body, new(json.RawMessage)); err != nil {
		return nil, -1, err
	}
	if body[0] == '{' {
		var env struct {
			Statuses *wire.List[wireStatus] `json:"statuses"`
			Params   struct {
				TotalItems *wire.Int `json:"total_items"`
			} `json:"params"`
		}
		if err := json.Unmarshal(body, &env); err != nil {
			return nil, -1, err
		}
		if env.Statuses != nil {
			total = -1
			if env.Params.TotalItems != nil {
				total = int(*env.Params.TotalItems)
			}
			return *env.Statuses, total, nil
		}
	}
	var list wire.List[wireStatus]
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, -1, err
	}
	return list, -1, nil
}

// CanSet says why o cannot move to `to`: N is the store's own, and the
// current status is not a move.
func (c *Client) CanSet(o backend.Order, to backend.Status) string {
	switch {
	case c.cfg.ReadOnly:
		return "this store is read-only"
	case strings.TrimSpace(to.Code) == "":
		return "no status given"
	case to.Code == incomplete:
		return "Incomplete (N) is set by the store while it waits for the payment; it cannot be set by hand"
	case o.Status.Code != "" && to.Code == o.Status.Code:
		return "the order is already " + to.Label()
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.names != nil {
		if _, ok := c.names[to.Code]; !ok {
			return "the store has no status " + to.Code
		}
	}
	return ""
}
