package api2cartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// update is order.update: parameters in the query string (a JSON body is
// read as well, as one recorded client sends it). On success the status
// changes, a history entry is appended and {"updated_items":1} returned.
func (s *Server) update(w http.ResponseWriter, r *http.Request, q url.Values) {
	if err := mergeBody(r, q); err != nil {
		writeParamError(w, err)
		return
	}
	key := strings.TrimSpace(q.Get("idempotency_key"))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replayed(w, "order.update", key) {
		return
	}
	id, err := orderIDParam(q, "order_id")
	if err != nil {
		writeParamError(w, err)
		return
	}
	o, ok := s.byID[id]
	if !ok {
		writeResult(w, 112, fmt.Sprintf("Order with id %s not found", id), nil)
		return
	}
	to, ok := q["order_status"]
	if !ok {
		writeResult(w, 114, "Parameter 'order_status' is required.", nil)
		return
	}
	status := strings.TrimSpace(to[0])
	if _, known := statusName(status); !known {
		writeParamError(w, badParam("Parameter 'order_status' is not valid. The required type of parameter is enum. One of the following values are allowed: %s.", strings.Join(statusIDs(), ", ")))
		return
	}
	notify, err := boolParam(q, "send_notifications")
	if err != nil {
		writeParamError(w, err)
		return
	}
	u := Update{OrderID: o.id, From: o.status, To: status, Notify: notify,
		Comment: q.Get("comment"), IdempotencyKey: key, At: s.Now().UTC().Truncate(time.Second)}
	if err := s.saveWith(u, nil); err != nil {
		writeResult(w, 9, "Internal error: "+err.Error(), nil)
		return
	}
	s.applyUpdate(u)
	s.answer(w, "order.update", key, envelope(0, "", obj{"updated_items": 1}))
}

// applyUpdate changes the order (the caller holds s.mu).
func (s *Server) applyUpdate(u Update) {
	s.updates = append(s.updates, u)
	o, ok := s.byID[u.OrderID]
	if !ok {
		return // kept in the log for a later run with more orders
	}
	s.changed(o)
	o.status, o.modified = u.To, u.At
	o.history = append(o.history, HistoryEntry{Status: u.To, At: u.At, Notify: u.Notify, Comment: u.Comment})
}

// shipmentBody is order.shipment.add's JSON body.
type shipmentBody struct {
	OrderID flexString `json:"order_id"`
	StoreID flexString `json:"store_id"`
	Items   []struct {
		OrderProductID flexString `json:"order_product_id"`
		Quantity       float64    `json:"quantity"`
	} `json:"items"`
	TrackingNumbers []struct {
		CarrierID      flexString `json:"carrier_id"`
		TrackingNumber flexString `json:"tracking_number"`
	} `json:"tracking_numbers"`
	SendNotifications *bool  `json:"send_notifications"`
	IsShipped         *bool  `json:"is_shipped"`
	IdempotencyKey    string `json:"idempotency_key"`
	TrackingLink      string `json:"tracking_link"`
}

// shipmentAdd is order.shipment.add (JSON body): it records a shipment
// with its tracking numbers and answers {"shipment_id": ...}.
func (s *Server) shipmentAdd(w http.ResponseWriter, r *http.Request, q url.Values) {
	data, _ := io.ReadAll(r.Body)
	var b shipmentBody
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &b); err != nil {
			writeResult(w, 109, "The request body is not valid JSON: "+err.Error(), nil)
			return
		}
	}
	key := strings.TrimSpace(b.IdempotencyKey)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replayed(w, "order.shipment.add", key) {
		return
	}
	id := strings.TrimSpace(string(b.OrderID))
	if id == "" {
		writeResult(w, 114, "Parameter 'order_id' is required.", nil)
		return
	}
	o, ok := s.byID[id]
	if !ok {
		writeResult(w, 112, fmt.Sprintf("Order with id %s not found", id), nil)
		return
	}
	for _, it := range b.Items {
		if !o.hasProduct(string(it.OrderProductID)) {
			writeResult(w, 112, fmt.Sprintf("Order item with id %s not found", it.OrderProductID), nil)
			return
		}
	}
	sh := Shipment{ID: strconv.Itoa(5000 + len(s.shipments) + 1), OrderID: o.id, IdempotencyKey: key,
		At: s.Now().UTC().Truncate(time.Second)}
	if b.SendNotifications != nil {
		sh.Notify = *b.SendNotifications
	}
	for _, tn := range b.TrackingNumbers {
		num := strings.TrimSpace(string(tn.TrackingNumber))
		if num == "" {
			writeResult(w, 109, "Tracking number can not be empty.", nil)
			return
		}
		sh.Tracking = append(sh.Tracking, TrackingNumber{CarrierID: string(tn.CarrierID), Number: num})
	}
	if err := s.saveWith(Update{}, &sh); err != nil {
		writeResult(w, 9, "Internal error: "+err.Error(), nil)
		return
	}
	s.applyShipment(sh)
	s.answer(w, "order.shipment.add", key, envelope(0, "", obj{"shipment_id": sh.ID}))
}

// applyShipment records a shipment (the caller holds s.mu).
func (s *Server) applyShipment(sh Shipment) {
	s.shipments = append(s.shipments, sh)
	if o, ok := s.byID[sh.OrderID]; ok {
		s.changed(o)
		o.tracking = append(o.tracking, sh.Tracking...)
	}
}

func (o *order) hasProduct(id string) bool {
	for _, p := range o.products {
		if p.orderProductID == id {
			return true
		}
	}
	return false
}

// replayed answers a repeated idempotency key with the first answer and
// reports whether it did (the caller holds s.mu).
func (s *Server) replayed(w http.ResponseWriter, method, key string) bool {
	if key == "" {
		return false
	}
	now := s.Now()
	for k, rp := range s.replays {
		if now.Sub(rp.at) > idempotencyTTL {
			delete(s.replays, k)
		}
	}
	rp, ok := s.replays[method+"\x00"+key]
	if !ok {
		return false
	}
	writeJSON(w, http.StatusOK, json.RawMessage(rp.body))
	return true
}

// answer writes a successful write's answer and keeps it for replays.
func (s *Server) answer(w http.ResponseWriter, method, key string, v answer) {
	body, _ := json.Marshal(v)
	if key != "" {
		s.replays[method+"\x00"+key] = replay{body: body, at: s.Now()}
	}
	writeJSON(w, http.StatusOK, json.RawMessage(body))
}

// mergeBody adds a JSON object body's fields to q (query values win).
func mergeBody(r *http.Request, q url.Values) error {
	data, _ := io.ReadAll(r.Body)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var m map[string]flexString
	if err := json.Unmarshal(data, &m); err != nil {
		return badParam("The request body is not valid JSON: %v.", err)
	}
	for k, v := range m {
		if _, ok := q[k]; !ok {
			q.Set(k, string(v))
		}
	}
	return nil
}

// boolParam reads a boolean parameter; absent is false.
func boolParam(q url.Values, name string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(q.Get(name))) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, badParam("Parameter '%s' is not valid. The required type of parameter is boolean.", name)
}

// flexString takes a JSON string, number or boolean as text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return fmt.Errorf("want a string, got %s", b)
	}
	*f = flexString(b)
	return nil
}
