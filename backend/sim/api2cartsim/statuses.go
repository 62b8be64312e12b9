package api2cartsim

// statusDef is one order status of the simulated cart. The store is an
// OpenCart shop: its statuses have numeric ids, which is exactly the list
// seed 000 shows (API2Cart passes OpenCart's order_status table through).
type statusDef struct {
	id   int
	name string
}

// statusDefs is in the order the seed lists them.
var statusDefs = []statusDef{
	{2, "Processing"},
	{3, "Shipped"},
	{7, "Canceled"},
	{5, "Complete"},
	{8, "Denied"},
	{9, "Canceled Reversal"},
	{10, "Failed"},
	{11, "Refunded"},
	{12, "Reversed"},
	{13, "Chargeback"},
	{1, "Pending"},
	{16, "Voided"},
	{15, "Processed"},
	{14, "Expired"},
}

// OpenCart status ids used by the generated status paths.
const (
	stPending    = "1"
	stProcessing = "2"
	stShipped    = "3"
	stComplete   = "5"
	stCanceled   = "7"
	stDenied     = "8"
	stFailed     = "10"
	stRefunded   = "11"
	stReversed   = "12"
	stChargeback = "13"
	stExpired    = "14"
	stProcessed  = "15"
	stVoided     = "16"
)

func statusName(id string) (string, bool) {
	for _, s := range statusDefs {
		if itoa(s.id) == id {
			return s.name, true
		}
	}
	return "", false
}

func statusIDs() []string {
	out := make([]string, len(statusDefs))
	for i, s := range statusDefs {
		out[i] = itoa(s.id)
	}
	return out
}
