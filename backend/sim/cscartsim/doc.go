// Package cscartsim is a simulated CS-Cart (Multi-Vendor) marketplace REST
// API as described by seed 001 and docs/platform-apis.md §2 and §6: HTTP
// Basic auth, GET/PUT /orders, /orders/search?vendor_ref=, /statuses, under
// /api, /api/2.0 and /api/2. It generates its orders with sim.Generate and
// keeps a change log that real CS-Cart does not expose, for assertions.
package cscartsim
