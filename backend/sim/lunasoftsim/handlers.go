package lunasoftsim

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// sortKey is one term of ?sort=.
type sortKey struct {
	field string // "id" or "created"
	desc  bool
}

// parseSort reads "-created,+id". A '+' sent unencoded arrives as a space
// and still means ascending.
func parseSort(v string) ([]sortKey, error) {
	if strings.TrimSpace(v) == "" {
		return []sortKey{{"id", true}}, nil
	}
	var keys []sortKey
	for _, term := range strings.Split(v, ",") {
		t := strings.TrimSpace(term)
		k := sortKey{}
		switch {
		case strings.HasPrefix(t, "-"):
			k.desc, t = true, t[1:]
		case strings.HasPrefix(t, "+"):
			t = t[1:]
		}
		switch t {
		case "id", "created":
			k.field = t
		default:
			return nil, fmt.Errorf("invalid sort parameter %q: use id or created", term)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// timeLayouts are the forms created_on_after accepts. The documented
// example is ISO 8601 with an offset without a colon.
var timeLayouts = []string{
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
}

// localLayouts are read as the site's local (Mountain) time.
var localLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

func parseTime(v string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, nil
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, v, time.UTC); err == nil {
			// Read the wall clock in Mountain time: try MST, then correct
			// if that instant falls in daylight saving time.
			guess := t.Add(7 * time.Hour)
			if _, off := mountain(guess).Zone(); off == -6*3600 {
				guess = t.Add(6 * time.Hour)
			}
			return guess, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid created_on_after %q: use a time like 2015-07-14T02:00:00-0600", v)
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	keys, err := parseSort(q.Get("sort"))
	if err != nil {
		writeErrorMsg(w, http.StatusBadRequest, err.Error())
		return
	}
	page := 1
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			writeErrorMsg(w, http.StatusBadRequest, fmt.Sprintf("invalid page %q", v))
			return
		}
		page = min(max(n, 1), 1<<30) // (page-1)*PageSize must not wrap round
	}
	minID := 0
	if v := q.Get("id"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			writeErrorMsg(w, http.StatusBadRequest, fmt.Sprintf("invalid id %q", v))
			return
		}
		minID = n
	}
	var after time.Time
	if v := q.Get("created_on_after"); v != "" {
		if after, err = parseTime(v); err != nil {
			writeErrorMsg(w, http.StatusBadRequest, err.Error())
			return
		}
	}

	s.mu.RLock()
	matched := make([]*order, 0, len(s.orders))
	for _, o := range s.orders {
		if o.id >= minID && !o.base.Created.Before(after) {
			matched = append(matched, o)
		}
	}
	slices.SortFunc(matched, func(a, b *order) int {
		for _, k := range keys {
			c := 0
			if k.field == "id" {
				c = cmp.Compare(a.id, b.id)
			} else {
				c = a.base.Created.Compare(b.base.Created)
			}
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(b.id, a.id) // then newest id first
	})
	start := min((page-1)*PageSize, len(matched))
	end := min(start+PageSize, len(matched))
	rows := make([]orderJSON, 0, end-start)
	for _, o := range matched[start:end] {
		rows = append(rows, o.wire(false))
	}
	s.mu.RUnlock()

	var next any = false
	if end < len(matched) {
		next = page + 1
	}
	sim.WriteJSON(w, http.StatusOK, map[string]any{"orders": rows, "next_page": next})
}

func (s *Server) get(w http.ResponseWriter, id string) {
	s.mu.RLock()
	o, ok := s.byID[id]
	var j orderJSON
	if ok {
		j = o.wire(true)
	}
	s.mu.RUnlock()
	if !ok {
		writeError(w, nil, http.StatusNotFound)
		return
	}
	sim.WriteJSON(w, http.StatusOK, j)
}

// postBody is the documented request: {"status":{"status","notes","notify_customer"}}.
type postBody struct {
	Status *struct {
		Status         json.RawMessage `json:"status"`
		Notes          json.RawMessage `json:"notes"`
		NotifyCustomer json.RawMessage `json:"notify_customer"`
	} `json:"status"`
}

// post adds a status row. Every accepted POST appends one: the API has no
// idempotency, so a retried POST records the status twice.
func (s *Server) post(w http.ResponseWriter, r *http.Request, id string) {
	raw, _ := io.ReadAll(r.Body)
	p := Post{OrderID: id, Body: raw, At: s.Now().UTC()}
	var errs []string
	var b postBody
	if err := json.Unmarshal(raw, &b); err != nil {
		errs = append(errs, "The request body is not valid JSON")
	} else if b.Status == nil {
		errs = append(errs, `A "status" object is required`)
	} else {
		if json.Unmarshal(b.Status.Status, &p.Status) != nil || !slices.Contains(s.statuses, p.Status) {
			errs = append(errs, fmt.Sprintf("Invalid status %s: use a name from the store's status list", sim.Excerpt(b.Status.Status)))
		}
		if len(b.Status.Notes) > 0 && string(b.Status.Notes) != "null" && json.Unmarshal(b.Status.Notes, &p.Notes) != nil {
			errs = append(errs, "notes must be a string")
		}
		if len(b.Status.NotifyCustomer) > 0 && string(b.Status.NotifyCustomer) != "null" && json.Unmarshal(b.Status.NotifyCustomer, &p.Notify) != nil {
			errs = append(errs, "notify_customer must be true or false")
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.posts = append(s.posts, p) }()
	o, ok := s.byID[id]
	if !ok {
		p.HTTPStatus, p.Errors = http.StatusNotFound, []string{"not found"}
		writeError(w, r, http.StatusNotFound)
		return
	}
	if len(errs) == 0 {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		e := entry{ID: s.nextID, Status: p.Status, Notes: p.Notes, Notify: p.Notify, Created: p.At.Truncate(time.Second), IP: host}
		if err := s.add(o, e); err != nil {
			errs = append(errs, "The status could not be saved")
			p.HTTPStatus, p.Errors = http.StatusInternalServerError, errs
			writeErrorMsg(w, http.StatusInternalServerError, "The status could not be saved")
			return
		}
		p.OK, p.HTTPStatus = true, http.StatusOK
		sim.WriteJSON(w, http.StatusOK, o.wire(true))
		return
	}
	p.HTTPStatus, p.Errors = http.StatusBadRequest, errs
	out := orderWithErrors{orderJSON: o.wire(true)}
	for _, e := range errs {
		out.Errors = append(out.Errors, newAPIError(http.StatusBadRequest, e))
	}
	sim.WriteJSON(w, http.StatusBadRequest, out)
}
