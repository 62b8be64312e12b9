// Package api2cartsim is a simulated API2Cart (seed 000 and
// docs/platform-apis.md §1 and §6) in front of one OpenCart-like store:
// order.list with start/count and cursor paging, order.count, order.info
// with status history, order.status.list (flat, or the seed's nested shape
// with numeric ids), order.update with idempotency keys, and
// order.shipment.add, under /v1.1/<method>.json.
//
// Like the real service it answers errors with HTTP 200 and a non-zero
// return_code. It imports only the standard library and backend/sim: it is
// an independent reading of the documents, not a mirror of the client.
//
// Choices the documents leave open, made here:
//   - An expired or unreadable page_cursor is return code 109
//     ("Parameter 'page_cursor' is not valid ..."), like any bad parameter.
//   - page_cursor must come alone (auth parameters aside); anything beside
//     it is 109. The cursor remembers the first call's filters, count,
//     sort and response_fields.
//   - An idempotency_key replays the first successful answer to the same
//     method for 15 minutes; failed calls are not cached, so a throttled
//     call can be retried with its key.
//   - A wrong API key is 2; a missing or unknown store key is 101.
package api2cartsim
