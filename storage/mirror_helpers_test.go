package storage

import "github.com/orderdash/orderdash/storage/mirrortest"

// The generated orders and reference answers are mirrortest's, shared
// with the contract suite (storagetest) that runs on PostgreSQL too.
var (
	mirrorStatuses = mirrortest.Statuses
	mirrorOrders   = mirrortest.Orders
	refView        = mirrortest.RefView
	rowOf          = mirrortest.RowOf
	rowIDs         = mirrortest.RowIDs
)
