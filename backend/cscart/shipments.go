package cscart

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// Shipments: CS-Cart keeps tracking numbers in shipments (/shipments:
// order_id, shipping_id, tracking_number, carrier, products as item id →
// amount), not on the order. A change to a shipped status with a tracking
// number sets the status (PUT /orders/{id}) and then makes sure the order
// has a shipment with that number: the order's shipments are read first
// (GET /shipments?order_id=) and only when none carries it is one created
// (POST /shipments, all the order's items). A POST is not idempotent, so
// it is never resent blindly: a resend, or a reconcile, reads the
// shipments again first.

var _ backend.ShipmentLister = (*Client)(nil)

// maxShipments bounds one order's shipment list: no order ships in more.
const maxShipments = 100

// wireShipment is one row of GET /shipments.
type wireShipment struct {
	ShipmentID wire.String `json:"shipment_id"`
	Timestamp  wire.Int    `json:"shipment_timestamp"`
	OrderID    wire.String `json:"order_id"`
	Tracking   wire.String `json:"tracking_number"`
	Carrier    wire.String `json:"carrier"`
}

// Shipments implements backend.ShipmentLister: GET /shipments?order_id=.
func (c *Client) Shipments(ctx context.Context, orderID string) ([]backend.Shipment, error) {
	op := "list shipments of " + backend.FieldLine(orderID)
	if err := c.checkID(op, orderID); err != nil {
		return nil, err
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "shipments",
		Query: url.Values{"order_id": {orderID}, "items_per_page": {strconv.Itoa(maxShipments)}}})
	if err != nil {
		return nil, err
	}
	list, err := decodeShipments(resp.Body, orderID)
	if err != nil {
		return nil, c.http.Malformed(op, resp, err)
	}
	return list, nil
}

// decodeShipments reads a GET /shipments answer ({"shipments": rows,
// "params": …}, or a bare list as older versions send) and keeps the
// shipments of orderID (a store that ignores the filter sends others),
// newest first.
func decodeShipments(body []byte, orderID string) ([]backend.Shipment, error) {
	body = bytes.TrimSpace(body)
	var rows wire.List[wireShipment]
	if len(body) > 0 && body[0] == '{' {
		var env struct {
			Shipments *wire.List[wireShipment] `json:"shipments"`
		}
		if err := httpx.Decode(body, &env); err != nil {
			return nil, err
		}
		if env.Shipments == nil {
			return nil, errors.New("the answer has no shipments")
		}
		rows = *env.Shipments
	} else if err := httpx.Decode(body, &rows); err != nil {
		return nil, err
	}
	out := []backend.Shipment{}
	for _, r := range rows {
		if string(r.OrderID) != "" && string(r.OrderID) != orderID {
			continue
		}
		if len(out) == maxShipments {
			return nil, fmt.Errorf("more than %d shipments for one order", maxShipments)
		}
		s := backend.Shipment{ID: backend.FieldLine(string(r.ShipmentID)), Carrier: backend.FieldLine(string(r.Carrier)),
			Tracking: backend.FieldLine(string(r.Tracking))}
		if r.Timestamp > 0 && r.Timestamp < 1<<40 {
			s.At = time.Unix(int64(r.Timestamp), 0).UTC()
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b backend.Shipment) int { return b.At.Compare(a.At) })
	return out, nil
}

// hasTracking reports whether one of list carries tracking.
func hasTracking(list []backend.Shipment, tracking string) bool {
	return slices.ContainsFunc(list, func(s backend.Shipment) bool {
		return strings.EqualFold(strings.TrimSpace(s.Tracking), strings.TrimSpace(tracking))
	})
}

// shipmentBody is the POST /shipments body.
type shipmentBody struct {
	OrderID        string         `json:"order_id"`
	ShippingID     string         `json:"shipping_id"`
	TrackingNumber string         `json:"tracking_number"`
	Carrier        string         `json:"carrier,omitempty"`
	Products       map[string]int `json:"products"`
}

// shipTo is what a shipment of the whole order needs from it: its
// shipping method's id and its items with their amounts.
type shipTo struct {
	Shipping wire.List[struct {
		ShippingID wire.String `json:"shipping_id"`
	}] `json:"shipping"`
	Products wire.List[struct {
		ItemID wire.String `json:"item_id"`
		Amount wire.Int    `json:"amount"`
	}] `json:"products"`
}

// ensureShipment makes sure order id has a shipment with tracking: it
// reads the order's shipments and creates one only when none has it.
func (c *Client) ensureShipment(ctx context.Context, op, id, tracking string) error {
	list, err := c.Shipments(ctx, id)
	if err != nil {
		return err
	}
	if hasTracking(list, tracking) {
		return nil
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders/" + id})
	if err != nil {
		return c.http.NotFound(err, id)
	}
	var o shipTo
	if err := httpx.Decode(resp.Body, &o); err != nil {
		return c.http.Malformed(op, resp, err)
	}
	body := shipmentBody{OrderID: id, TrackingNumber: tracking, Carrier: strings.TrimSpace(c.cfg.Carrier), Products: map[string]int{}}
	for _, s := range o.Shipping {
		if body.ShippingID = strings.TrimSpace(string(s.ShippingID)); body.ShippingID != "" {
			break
		}
	}
	for _, p := range o.Products {
		if item := strings.TrimSpace(string(p.ItemID)); item != "" && p.Amount > 0 && p.Amount < 1<<31 {
			body.Products[item] = int(p.Amount)
		}
	}
	if body.ShippingID == "" || len(body.Products) == 0 {
		return c.http.Error(backend.KindUnsupported, op, "the order has no shipping method or no items to ship; no shipment was made")
	}
	_, err = c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodPost, Path: "shipments", JSON: body})
	if err != nil {
		var e *backend.Error
		if errors.As(err, &e) && e.Uncertain {
			e.Message += "; the shipment may have been made: its shipments are read again before it is sent again"
		}
		return err
	}
	return nil
}
