// Package api2cart is the orderdash client for API2Cart, the unified API
// in front of 40+ shopping carts and marketplaces (Magento, WooCommerce,
// Amazon, eBay, Etsy, Walmart, ...), `platform = "api2cart"`.
//
// API2Cart answers every call with HTTP 200 and an envelope
// {"return_code", "return_message", "result"}: the return code, not the
// HTTP status, says whether a call worked. Each connected cart shapes its
// data a little differently (dates as objects or strings, ids as numbers
// or strings, objects wrapped in one-element arrays, null totals), so the
// wire types here are lenient and the recordings test decodes every
// recorded answer in shared/testdata/api2cart-recordings.
//
// Calls used: order.list (cursor paging), order.count (Page.Total),
// order.info (detail and status history), order.status.list (the picker),
// order.update (status, notify, comment, idempotency_key) and
// order.shipment.add (tracking numbers).
package api2cart
