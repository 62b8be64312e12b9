// Package kornitxsim is a simulated Kornit X (Custom Gateway) as seed 003
// and docs/platform-apis.md §4 and §6 describe it, in its two halves:
//
//   - the Order Status API v2.2: PUT /order/{id}/status with
//     {"status":N,"shipping_tracking":"…"}, Basic auth REFID:APIKEY written
//     raw as the docs show it (base64 too when AcceptBase64 is set), errors
//     as {"error":{"message","code"}}, and rate limits as HTTP 400 with an
//     error body, not 429;
//   - the Order Push API: a Pusher that POSTs generated print-on-demand
//     orders, signed with X-CustomGateway-Hmac, to a fulfiller's receiver.
//
// Where the documents are silent the simulator picks and says so:
//   - an unknown order id answers 404;
//   - a Dispatched (8, 64) or Cancelled (128) order refuses any other
//     status with 400 "Invalid order status" (mirrors v2.3), but the same
//     status again is a 200 no-op, because a PUT must be safe to resend
//     after a lost answer;
//   - success answers 200 {}.
//
// It imports only the standard library and backend/sim, never the client.
package kornitxsim
