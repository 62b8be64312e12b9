package cscartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Shipment is one stored shipment (CS-Cart's /shipments entity): a
// tracking number for some of an order's items.
type Shipment struct {
	ID         int            `json:"shipment_id"`
	OrderID    string         `json:"order_id"`
	ShippingID string         `json:"shipping_id"`
	Tracking   string         `json:"tracking_number"`
	Carrier    string         `json:"carrier"`
	Products   map[string]int `json:"products"` // item id -> amount
	At         time.Time      `json:"at"`
}

// Shipments lists the shipments made, oldest first, for assertions.
func (s *Server) Shipments() []Shipment {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.state.Shipments)
}

// shipmentRow is a shipment as GET /shipments answers it: database fields
// as strings, the time in Unix seconds.
type shipmentRow struct {
	ShipmentID        string            `json:"shipment_id"`
	ShipmentTimestamp string            `json:"shipment_timestamp"`
	Comments          string            `json:"comments"`
	Status            string            `json:"status"`
	OrderID           string            `json:"order_id"`
	ShippingID        string            `json:"shipping_id"`
	Shipping          string            `json:"shipping"`
	TrackingNumber    string            `json:"tracking_number"`
	Carrier           string            `json:"carrier"`
	Products          map[string]string `json:"products"`
}

// shipments is /shipments: GET lists (order_id filters), POST creates.
func (s *Server) shipments(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.listShipments(w, r)
	case http.MethodPost:
		s.createShipment(w, r)
	default:
		writeError(w, r, http.StatusMethodNotAllowed)
	}
}

func (s *Server) listShipments(w http.ResponseWriter, r *http.Request) {
	orderID := r.URL.Query().Get("order_id")
	s.mu.RLock()
	rows := []shipmentRow{}
	for _, sh := range s.state.Shipments {
		if orderID != "" && sh.OrderID != orderID {
			continue
		}
		method := ""
		if o, ok := s.byID[sh.OrderID]; ok {
			method = o.base.ShipMethod
		}
		row := shipmentRow{
			ShipmentID: strconv.Itoa(sh.ID), ShipmentTimestamp: strconv.FormatInt(sh.At.Unix(), 10), Status: "A",
			OrderID: sh.OrderID, ShippingID: sh.ShippingID, Shipping: method, TrackingNumber: sh.Tracking,
			Carrier: sh.Carrier, Products: map[string]string{},
		}
		for id, n := range sh.Products {
			row.Products[id] = strconv.Itoa(n)
		}
		rows = append(rows, row)
	}
	s.mu.RUnlock()
	// Newest first, as CS-Cart sorts shipments by default.
	slices.Reverse(rows)
	sim.WriteJSON(w, http.StatusOK, map[string]any{
		"shipments": rows,
		"params":    map[string]any{"page": 1, "items_per_page": "10", "total_items": strconv.Itoa(len(rows))},
	})
}

// shipmentBody is what POST /shipments reads. Numbers may come as strings
// or numbers, as PHP takes either.
type shipmentBody struct {
	OrderID        json.RawMessage            `json:"order_id"`
	ShippingID     json.RawMessage            `json:"shipping_id"`
	TrackingNumber *string                    `json:"tracking_number"`
	Carrier        string                     `json:"carrier"`
	Products       map[string]json.RawMessage `json:"products"`
}

// createShipment is POST /shipments: 201 {"shipment_id": N}. The order
// must exist and the products must be its items, each at most its
// quantity; the request is not idempotent (a second POST is a second
// shipment), as in CS-Cart.
func (s *Server) createShipment(w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, r, http.StatusUnsupportedMediaType)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body shipmentBody
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&body); err != nil || dec.More() {
		writeErrorDetail(w, http.StatusBadRequest, "the request body is not a JSON object")
		return
	}
	orderID, shippingID := phpScalar(body.OrderID), phpScalar(body.ShippingID)
	if orderID == "" || shippingID == "" || len(body.Products) == 0 {
		writeErrorDetail(w, http.StatusBadRequest, "order_id, shipping_id and products are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[orderID]
	if !ok {
		writeErrorDetail(w, http.StatusBadRequest, "order "+sim.Excerpt([]byte(orderID))+" does not exist")
		return
	}
	if shippingID != "1" {
		writeErrorDetail(w, http.StatusBadRequest, "the order has no shipping method "+sim.Excerpt([]byte(shippingID)))
		return
	}
	products := map[string]int{}
	for id, v := range body.Products {
		n, err := strconv.Atoi(phpScalar(v))
		i := slices.IndexFunc(o.items, func(it item) bool { return it.itemID == id })
		if err != nil || n <= 0 || i < 0 || n > o.items[i].it.Qty {
			writeErrorDetail(w, http.StatusBadRequest, fmt.Sprintf("products: item %s × %s is not in the order", sim.Excerpt([]byte(id)), sim.Excerpt(v)))
			return
		}
		products[id] = n
	}
	sh := Shipment{ID: len(s.state.Shipments) + 1, OrderID: orderID, ShippingID: shippingID, Carrier: strings.TrimSpace(body.Carrier),
		Products: products, At: s.Now().UTC()}
	if body.TrackingNumber != nil {
		sh.Tracking = strings.TrimSpace(*body.TrackingNumber)
	}
	if s.opts.StateFile != "" {
		next := state{Version: 1, Orders: maps.Clone(s.state.Orders), Changes: s.changes, Shipments: append(slices.Clone(s.state.Shipments), sh)}
		if err := sim.SaveState(s.opts.StateFile, next); err != nil {
			writeErrorDetail(w, http.StatusInternalServerError, "the shipment could not be saved")
			return
		}
	}
	s.state.Shipments = append(s.state.Shipments, sh)
	sim.WriteJSON(w, http.StatusCreated, map[string]int{"shipment_id": sh.ID})
}

// phpScalar reads a JSON string or number as PHP would see it: its text.
func phpScalar(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	var s string
	if json.Unmarshal(v, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String()
	}
	return ""
}
