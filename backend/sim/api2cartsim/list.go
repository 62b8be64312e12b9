package api2cartsim

import (
	"bytes"
	"compress/flate"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// listQuery is what order.list and order.count select, and what a cursor
// remembers of the first call.
type listQuery struct {
	Statuses     []string `json:"st,omitempty"`
	Email        string   `json:"em,omitempty"`
	IDs          []string `json:"ids,omitempty"`
	SinceID      int      `json:"since,omitempty"`
	CreatedFrom  int64    `json:"cf,omitempty"` // unix seconds; 0 = none
	CreatedTo    int64    `json:"ct,omitempty"`
	ModifiedFrom int64    `json:"mf,omitempty"`
	ModifiedTo   int64    `json:"mt,omitempty"`
	SortBy       string   `json:"sb,omitempty"`
	Desc         bool     `json:"desc,omitempty"`
	Start        int      `json:"start,omitempty"`
	Count        int      `json:"count"`
	Fields       string   `json:"rf,omitempty"`
	Params       string   `json:"p,omitempty"`
	Exclude      string   `json:"x,omitempty"`
	// Expires is when a cursor stops being accepted (unix nanoseconds).
	Expires int64 `json:"exp,omitempty"`
}

// paramError is an invalid parameter: return code 109 (or 114 when
// missing) with API2Cart's wording.
type paramError struct {
	code int
	msg  string
}

func (e *paramError) Error() string { return e.msg }

func badParam(format string, args ...any) *paramError {
	return &paramError{code: 109, msg: fmt.Sprintf(format, args...)}
}

// listDateLayout is Y-m-d\TH:i:sO, the only date form the filters take.
const listDateLayout = "2006-01-02T15:04:05-0700"

// parseFilters reads the filter parameters shared by order.list and
// order.count.
func parseFilters(q url.Values) (listQuery, error) {
	var lq listQuery
	if v := strings.TrimSpace(q.Get("order_status")); v != "" {
		lq.Statuses = []string{v}
	}
	for _, v := range append(q["order_status_ids"], q["order_status_ids[]"]...) {
		lq.Statuses = append(lq.Statuses, splitList(v)...)
	}
	for _, st := range lq.Statuses {
		if _, ok := statusName(st); !ok {
			return lq, badParam("Parameter 'order_status' is not valid. The required type of parameter is enum. One of the following values are allowed: %s.", strings.Join(statusIDs(), ", "))
		}
	}
	lq.Email = strings.TrimSpace(q.Get("customer_email"))
	lq.IDs = append(splitList(q.Get("order_ids")), splitList(q.Get("ids"))...)
	if v := q.Get("since_id"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return lq, badParam("Parameter 'since_id' is not valid. The required type of parameter is unsigned integer.")
		}
		lq.SinceID = n
	}
	for _, d := range []struct {
		name string
		dst  *int64
	}{{"created_from", &lq.CreatedFrom}, {"created_to", &lq.CreatedTo}, {"modified_from", &lq.ModifiedFrom}, {"modified_to", &lq.ModifiedTo}} {
		v, ok := q[d.name]
		if !ok {
			continue
		}
		t, err := time.Parse(listDateLayout, strings.TrimSpace(v[0]))
		if err != nil {
			return lq, badParam(`Parameter '%s' is not valid. The required type of parameter is a date string in 'Y-m-d\TH:i:sO' ISO_8601 format.`, d.name)
		}
		*d.dst = t.Unix()
	}
	if v := q.Get("store_id"); v != "" && v != "0" {
		return lq, badParam("Parameter 'store_id' is not valid. The following values are allowed: 0.")
	}
	return lq, nil
}

// parseList adds order.list's paging, sorting and field parameters.
func parseList(q url.Values) (listQuery, error) {
	lq, err := parseFilters(q)
	if err != nil {
		return lq, err
	}
	lq.Count = defaultCount
	if v, ok := q["count"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		if err != nil || n < 0 {
			return lq, badParam("Parameter 'count' is not valid. The required type of parameter is unsigned integer.")
		}
		if n > maxCount {
			return lq, badParam("Parameter 'count' is not valid. Max allowed count=%d.", maxCount)
		}
		lq.Count = n
	}
	if v, ok := q["start"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		if err != nil || n < 0 {
			return lq, badParam("Parameter 'start' is not valid. The required type of parameter is unsigned integer.")
		}
		lq.Start = n
	}
	switch v := q.Get("sort_by"); v {
	case "", "order_id", "id":
		lq.SortBy = "order_id"
	case "create_at", "modified_at":
		lq.SortBy = v
	default:
		return lq, badParam("Parameter 'sort_by' is not valid. One of the following values are allowed: order_id, create_at, modified_at.")
	}
	switch v := strings.ToLower(q.Get("sort_direction")); v {
	case "", "asc":
	case "desc":
		lq.Desc = true
	default:
		return lq, badParam("Parameter 'sort_direction' is not valid. One of the following values are allowed: asc, desc.")
	}
	lq.Fields, lq.Params, lq.Exclude = q.Get("response_fields"), q.Get("params"), q.Get("exclude")
	if lq.Fields != "" {
		if _, err := parseFields(lq.Fields); err != nil {
			return lq, badParam("Parameter 'response_fields' is not valid: %v.", err)
		}
	}
	return lq, nil
}

// match lists the orders lq selects, in its order (the caller holds s.mu).
func (s *Server) match(lq listQuery) []*order {
	var ids map[string]bool
	if len(lq.IDs) > 0 {
		ids = map[string]bool{}
		for _, id := range lq.IDs {
			ids[id] = true
		}
	}
	var out []*order
	for _, o := range s.orders {
		switch {
		case len(lq.Statuses) > 0 && !slices.Contains(lq.Statuses, o.status),
			lq.Email != "" && !strings.EqualFold(lq.Email, o.base.Email),
			ids != nil && !ids[o.id],
			lq.SinceID > 0 && o.seq < lq.SinceID,
			lq.CreatedFrom != 0 && o.base.Created.Unix() < lq.CreatedFrom,
			lq.CreatedTo != 0 && o.base.Created.Unix() > lq.CreatedTo,
			lq.ModifiedFrom != 0 && o.modified.Unix() < lq.ModifiedFrom,
			lq.ModifiedTo != 0 && o.modified.Unix() > lq.ModifiedTo:
			continue
		}
		out = append(out, o)
	}
	key := func(o *order) int64 {
		switch lq.SortBy {
		case "create_at":
			return o.base.Created.Unix()
		case "modified_at":
			return o.modified.Unix()
		}
		return int64(o.seq)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := key(out[i]), key(out[j])
		if a == b {
			a, b = int64(out[i].seq), int64(out[j].seq)
		}
		if lq.Desc {
			return a > b
		}
		return a < b
	})
	return out
}

// list is order.list: start/count paging on a first call, page_cursor
// (and nothing else) on the calls after it.
func (s *Server) list(w http.ResponseWriter, r *http.Request, q url.Values) {
	var lq listQuery
	var err error
	if _, ok := q["page_cursor"]; ok {
		lq, err = s.fromCursor(q)
	} else {
		lq, err = parseList(q)
	}
	if err != nil {
		writeParamError(w, err)
		return
	}
	sel, err := resultSelection(lq.Fields, lq.Params, lq.Exclude, "order")
	if err != nil {
		writeParamError(w, err)
		return
	}

	s.mu.Lock()
	body, err := s.listAnswer(lq, sel)
	s.mu.Unlock()
	if err != nil {
		writeResult(w, 9, "Internal error: "+err.Error(), nil)
		return
	}
	sim.WriteJSONBody(w, http.StatusOK, jsonType, body)
}

// listAnswer is order.list's encoded answer for lq (the caller holds s.mu).
func (s *Server) listAnswer(lq listQuery, sel *fieldTree) ([]byte, error) {
	all := s.selection(lq)
	lo := min(lq.Start, len(all))
	hi := min(lo+lq.Count, len(all))
	now := s.Now()
	pag := obj{"previous": nil, "next": nil}
	if lq.Count > 0 && hi < len(all) {
		next := lq
		next.Start = hi
		pag["next"] = s.cursor(next, now)
	}
	if lq.Count > 0 && lo > 0 {
		prev := lq
		prev.Start = max(0, lo-lq.Count)
		pag["previous"] = s.cursor(prev, now)
	}
	b, err := appendHead(nil, answer{Pagination: pag})
	if err != nil {
		return nil, err
	}
	b = appendPage(b, all[lo:hi], sel, lq.Fields+"\x00"+lq.Params+"\x00"+lq.Exclude)
	return append(b, '}'), nil
}

// cursor issues an opaque token for lq (the caller holds s.mu): deflated, signed JSON in standard
// base64, percent-encoded as API2Cart's cursors are (%2B, %2F, %3D). The
// first byte counts filler bytes that keep base64 padding ("%3D") in every
// token, so clients meet it every time.
func (s *Server) cursor(lq listQuery, now time.Time) string {
	lq.Expires = now.Add(s.opts.CursorTTL).UnixNano()
	payload, _ := json.Marshal(lq)
	var z bytes.Buffer
	// A flate writer allocates over half a megabyte: one is kept and
	// reset for each cursor (the caller holds s.mu).
	if s.zw == nil {
		s.zw, _ = flate.NewWriter(&z, flate.BestSpeed)
	} else {
		s.zw.Reset(&z)
	}
	_, _ = s.zw.Write(payload)
	_ = s.zw.Close()
	body := z.Bytes()
	mac := hmac.New(sha256.New, s.secret)
	mac.Write(body)
	pad := 0
	if (1+len(body)+16)%3 == 0 {
		pad = 1
	}
	raw := append([]byte{byte(pad)}, make([]byte, pad)...)
	raw = append(append(raw, body...), mac.Sum(nil)[:16]...)
	return url.QueryEscape(base64.StdEncoding.EncodeToString(raw))
}

// fromCursor reads page_cursor back. It must come alone; it is accepted as
// issued, decoded once, or percent-encoded once more (as generated SDKs
// send it), but never altered otherwise: a raw "+" arrives as a space and
// breaks it.
func (s *Server) fromCursor(q url.Values) (listQuery, error) {
	for k := range q {
		if k != "page_cursor" && k != "api_key" && k != "store_key" {
			return listQuery{}, badParam("Parameter 'page_cursor' can't be used with any other filtering parameter ('%s' was given).", k)
		}
	}
	v := q.Get("page_cursor")
	for i := 0; i < 2 && strings.Contains(v, "%"); i++ {
		u, err := url.QueryUnescape(v)
		if err != nil {
			break
		}
		v = u
	}
	bad := badParam("Parameter 'page_cursor' is not valid.")
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) < 1+16 || int(raw[0]) > len(raw)-17 {
		return listQuery{}, bad
	}
	body, sum := raw[1+int(raw[0]):len(raw)-16], raw[len(raw)-16:]
	mac := hmac.New(sha256.New, s.secret)
	mac.Write(body)
	if !hmac.Equal(sum, mac.Sum(nil)[:16]) {
		return listQuery{}, bad
	}
	payload, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(body)), 1<<20))
	if err != nil {
		return listQuery{}, bad
	}
	var lq listQuery
	if err := json.Unmarshal(payload, &lq); err != nil {
		return listQuery{}, bad
	}
	if s.Now().UnixNano() > lq.Expires {
		return listQuery{}, badParam("Parameter 'page_cursor' is not valid: the cursor has expired, start again from the first page.")
	}
	return lq, nil
}

// count is order.count: the number of orders the filters select.
func (s *Server) count(w http.ResponseWriter, _ *http.Request, q url.Values) {
	if _, ok := q["page_cursor"]; ok {
		writeParamError(w, badParam("Parameter 'page_cursor' is not supported by order.count."))
		return
	}
	lq, err := parseFilters(q)
	if err != nil {
		writeParamError(w, err)
		return
	}
	s.mu.Lock()
	n := len(s.selection(lq))
	s.mu.Unlock()
	writeResult(w, 0, "", obj{"orders_count": n})
}

// info is order.info: one order by id or order_id, history included.
func (s *Server) info(w http.ResponseWriter, _ *http.Request, q url.Values) {
	id, err := orderIDParam(q, "id", "order_id")
	if err != nil {
		writeParamError(w, err)
		return
	}
	sel, err := resultSelection(q.Get("response_fields"), q.Get("params"), q.Get("exclude"), "")
	if err != nil {
		writeParamError(w, err)
		return
	}
	s.mu.Lock()
	o, ok := s.byID[id]
	var full obj
	if ok {
		full = orderJSON(o)
	}
	s.mu.Unlock()
	if !ok {
		writeResult(w, 112, fmt.Sprintf("Order with id %s not found", id), nil)
		return
	}
	writeResult(w, 0, "", prune(full, sel))
}

// orderIDParam reads the first of names that is present: absent is 114,
// present but empty is 109.
func orderIDParam(q url.Values, names ...string) (string, error) {
	for _, n := range names {
		v, ok := q[n]
		if !ok {
			continue
		}
		id := strings.TrimSpace(v[0])
		if id == "" {
			return "", badParam("The value of parameter '%s' can not be empty.", n)
		}
		return id, nil
	}
	if len(names) == 1 {
		return "", &paramError{code: 114, msg: fmt.Sprintf("Parameter '%s' is required.", names[0])}
	}
	return "", &paramError{code: 114, msg: fmt.Sprintf("Parameter '%s' is required.", strings.Join(names, "' or '"))}
}

// statusList is order.status.list, flat or in the seed's nested shape.
func (s *Server) statusList(w http.ResponseWriter, _ *http.Request, q url.Values) {
	var result obj
	if s.opts.NestedStatusList {
		list := make([]any, len(statusDefs))
		for i, st := range statusDefs {
			list[i] = obj{"id": st.id, "name": st.name}
		}
		result = obj{"count": len(list), "cart_order_statuses": []any{obj{"status": list}}}
	} else {
		list := make([]any, len(statusDefs))
		for i, st := range statusDefs {
			list[i] = obj{"id": itoa(st.id), "name": st.name}
		}
		result = obj{"cart_order_statuses": list}
	}
	out := answer{Result: result}
	if !s.opts.NestedStatusList {
		out.Pagination = obj{"previous": nil, "next": nil}
	}
	if f := q.Get("response_fields"); f != "" {
		t, err := parseFields(f)
		if err != nil {
			writeParamError(w, badParam("Parameter 'response_fields' is not valid: %v.", err))
			return
		}
		sel, ok := t.child("result")
		if !ok {
			sel = &fieldTree{}
		}
		out.Result = prune(result, sel)
	}
	writeJSON(w, http.StatusOK, out)
}

// resultSelection is what of an answer's result the request asked for:
// response_fields when given, else params/exclude, else API2Cart's default
// set (which has no dates). entity is "order" for lists, "" for info.
func resultSelection(fields, params, exclude, entity string) (*fieldTree, error) {
	if fields != "" {
		t, err := parseFields(fields)
		if err != nil {
			return nil, badParam("Parameter 'response_fields' is not valid: %v.", err)
		}
		sel, ok := t.child("result")
		if !ok {
			return &fieldTree{}, nil // only the envelope
		}
		return sel, nil
	}
	if params == "" {
		params = defaultParams
	}
	ent := entityFields(params, exclude, orderFieldNames)
	if entity == "" {
		return ent, nil
	}
	return &fieldTree{sub: map[string]*fieldTree{"orders_count": nil, entity: ent}}, nil
}

func writeParamError(w http.ResponseWriter, err error) {
	var pe *paramError
	if errors.As(err, &pe) {
		writeResult(w, pe.code, pe.msg, nil)
		return
	}
	writeResult(w, 109, err.Error(), nil)
}
