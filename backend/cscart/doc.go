// Package cscart is the client for CS-Cart's REST API (seed 001: a CS-Cart
// Multi-Vendor marketplace with a vendor_ref add-on), platform "cscart".
//
// CS-Cart keeps no status history, and its status update can answer
// 200 without changing anything (the fast path ignores the result), so
// every status change is confirmed by re-reading the order. The PUT is
// idempotent: a change of unknown outcome may be sent again.
package cscart
