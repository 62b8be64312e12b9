package cscartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/orderdash/orderdash/backend/sim"
)

func (s *Server) get(w http.ResponseWriter, _ *http.Request, id string) {
	s.mu.RLock()
	o, ok := s.byID[id]
	var d detail
	if ok {
		d = o.detail()
	}
	s.mu.RUnlock()
	if !ok {
		writeError(w, nil, http.StatusNotFound)
		return
	}
	sim.WriteJSON(w, http.StatusOK, d)
}

// put is PUT /orders/{id}: a status change (with notify_user), a vendor_ref,
// or both. Answers 200 {"order_id":"<id as sent>"}.
func (s *Server) put(w http.ResponseWriter, r *http.Request, id string) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, r, http.StatusUnsupportedMediaType)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&body); err != nil || body == nil || dec.More() {
		writeErrorDetail(w, http.StatusBadRequest, "the request body is not a JSON object")
		return
	}

	var newStatus, newRef *string
	if v, ok := body["status"]; ok {
		var st string
		if json.Unmarshal(v, &st) != nil || !settable(st) {
			writeErrorDetail(w, http.StatusBadRequest, fmt.Sprintf("order status %s cannot be set", sim.Excerpt(v)))
			return
		}
		newStatus = &st
	}
	if v, ok := body["vendor_ref"]; ok {
		var ref string
		if len(bytes.TrimSpace(v)) == 0 || bytes.TrimSpace(v)[0] != '"' || json.Unmarshal(v, &ref) != nil {
			writeErrorDetail(w, http.StatusBadRequest, "vendor_ref only accepts a single string")
			return
		}
		newRef = &ref
	}
	notify := !phpEmptyJSON(body["notify_user"])

	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		writeError(w, r, http.StatusNotFound)
		return
	}
	if err := s.apply(o, newStatus, newRef, notify); err != nil {
		writeErrorDetail(w, http.StatusInternalServerError, "the order could not be saved")
		return
	}
	sim.WriteJSON(w, http.StatusOK, map[string]string{"order_id": id})
}

// search is GET /orders/search?vendor_ref=: every order with exactly that
// vendor_ref, as detailed orders in a bare JSON array.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("vendor_ref")
	if ref == "" {
		writeErrorDetail(w, http.StatusBadRequest, "vendor_ref is required")
		return
	}
	s.mu.RLock()
	var found []detail
	for _, o := range s.orders {
		if o.vendorRef == ref {
			found = append(found, o.detail())
		}
	}
	s.mu.RUnlock()
	if len(found) == 0 {
		sim.WriteJSON(w, http.StatusNotFound, apiError{Message: "Your search did not return any results", Status: http.StatusNotFound})
		return
	}
	sim.WriteJSON(w, http.StatusOK, found)
}

// statuses is GET /statuses, paginated like CS-Cart 4.13 (10 a page unless
// items_per_page says otherwise; 0 is all).
func (s *Server) statuses(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lang := q.Get("lang_code")
	if lang == "" {
		lang = q.Get("sl")
	}
	if lang != "de" {
		lang = "en"
	}
	rows := statusRows(lang)
	page, per := 1, 10
	if v := q.Get("page"); phpInt(v) > 1 {
		page = int(min(phpInt(v), 1<<30))
	}
	if _, ok := q["items_per_page"]; ok {
		per = int(max(min(phpInt(q.Get("items_per_page")), 1<<30), 0))
	}
	total := len(rows)
	if per > 0 {
		start := min((page-1)*per, total)
		rows = rows[start:min(start+per, total)]
	}
	if s.opts.StatusesShape == "array" {
		sim.WriteJSON(w, http.StatusOK, rows)
		return
	}
	sim.WriteJSON(w, http.StatusOK, map[string]any{
		"statuses": rows,
		"params":   map[string]any{"page": page, "items_per_page": strconv.Itoa(per), "total_items": strconv.Itoa(total), "type": "O"},
	})
}
