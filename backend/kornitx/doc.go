// Package kornitx is the client for Kornit X (Custom Gateway), seed 003.
//
// Kornit X has no call that lists a fulfiller's orders: it pushes each
// order, signed with X-CustomGateway-Hmac, to an endpoint the fulfiller
// runs, and takes status changes back through its Order Status API v2.2
// (PUT /order/{id}/status). So the package has two halves:
//
//   - Receiver, an http.Handler for the Order Push API: it checks the
//     signature, bounds the body and the work in flight, validates the
//     order and saves it in an OrderStore (the local database);
//   - Client, the backend.Backend the dashboard uses: it lists and reads
//     orders from the same OrderStore and sends status changes to Kornit X,
//     recording each confirmed change in the order's local timeline.
package kornitx
