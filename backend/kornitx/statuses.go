package kornitx

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Kornit X status codes (seed 003 and the export API's table).
const (
	StatusUnknown          = 0
	StatusReceived         = 1
	StatusUnused           = 2
	StatusInProduction     = 4
	StatusDispatched       = 8
	StatusQCQuery          = 32
	StatusDispatchNotified = 64
	StatusCancelled        = 128
	StatusOnHold           = 256
	StatusSentToSupplier   = 512
	StatusRecvBySupplier   = 513
	StatusSentToShipper    = 515
	StatusRecvByShipper    = 516
)

var statusNames = map[int]string{
	StatusUnknown:          "Unknown",
	StatusReceived:         "Received",
	StatusUnused:           "Unused",
	StatusInProduction:     "In Production",
	StatusDispatched:       "Dispatched",
	StatusQCQuery:          "QC Query",
	StatusDispatchNotified: "Dispatched (Retailer Notified)",
	StatusCancelled:        "Cancelled",
	StatusOnHold:           "On Hold",
	StatusSentToSupplier:   "Sent to Supplier",
	StatusRecvBySupplier:   "Received by Supplier",
	StatusSentToShipper:    "Sent to Shipper",
	StatusRecvByShipper:    "Received by Shipper",
}

var defaultKinds = backend.KindMap{
	"0":   backend.KindOther,
	"1":   backend.KindPending,
	"2":   backend.KindOther,
	"4":   backend.KindProcessing,
	"8":   backend.KindShipped,
	"32":  backend.KindOnHold,
	"64":  backend.KindShipped,
	"128": backend.KindCancelled,
	"256": backend.KindOnHold,
	"512": backend.KindProcessing,
	"513": backend.KindProcessing,
	"515": backend.KindProcessing,
	"516": backend.KindShipped,
}

// settable are the codes the Order Status API takes from a fulfiller, in
// the order the picker offers them: the two standard ones first. 0, 1, 2
// and 4 are Kornit X's own and never offered.
var settable = []int{StatusDispatched, StatusCancelled, StatusQCQuery, StatusOnHold,
	StatusSentToSupplier, StatusRecvBySupplier, StatusSentToShipper, StatusRecvByShipper,
	StatusDispatchNotified}

func isSettable(code int) bool { return slices.Contains(settable, code) }

// final reports why an order in this status takes no further change, or
// "". Dispatched (8 and 64) and Cancelled are where an order ends: the
// v2.3 API answers "Invalid order status" to any change after them.
func final(code string) string {
	switch code {
	case "8", "64":
		return "already dispatched: Kornit X accepts no further change"
	case "128":
		return "already cancelled: Kornit X accepts no further change"
	}
	return ""
}

// takesTracking reports whether a tracking number goes with this status.
func takesTracking(code string) bool { return code == "8" || code == "64" }

// status builds the Status for a code as Kornit X names it; an unknown
// code keeps the name the push gave (if any).
func (c *Client) status(code int, pushedName string) backend.Status {
	return statusOf(code, pushedName, c.kinds)
}

func statusOf(code int, pushedName string, kinds backend.KindMap) backend.Status {
	s := strconv.Itoa(code)
	name, ok := statusNames[code]
	if !ok {
		name = backend.FieldLine(pushedName)
		if name == "" {
			name = "Status " + s
		}
	}
	return backend.Status{Code: s, Name: name, Kind: kinds.Kind(s)}
}

// Statuses lists what an operator may set: the seed's codes, fixed (no
// call lists them).
func (c *Client) Statuses(context.Context) ([]backend.Status, error) {
	out := make([]backend.Status, 0, len(settable))
	for _, code := range settable {
		out = append(out, c.status(code, ""))
	}
	return out, nil
}

// CanSet says why o cannot move to `to`: Kornit X's own statuses are not
// the fulfiller's to set, and a dispatched or cancelled order is closed.
func (c *Client) CanSet(o backend.Order, to backend.Status) string {
	code := strings.TrimSpace(to.Code)
	n, err := strconv.Atoi(code)
	switch {
	case c.cfg.ReadOnly:
		return "this store is read-only"
	case code == "":
		return "no status given"
	case err != nil || !isSettable(n):
		return "Kornit X does not take status " + backend.CleanLine(to.Label()) + " from a fulfiller"
	case final(o.Status.Code) != "":
		return final(o.Status.Code)
	case o.Status.Code == code:
		return "the order is already " + to.Label()
	}
	return ""
}

var _ backend.StatusCatalog = (*Client)(nil)

// KnownStatuses is every status a Kornit X order may be in, settable or
// not (1 Received, 4 In Production), for filters by kind.
func (c *Client) KnownStatuses() []backend.Status {
	codes := make([]int, 0, len(statusNames))
	for code := range statusNames {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	out := make([]backend.Status, len(codes))
	for i, code := range codes {
		out[i] = c.status(code, "")
	}
	return out
}
