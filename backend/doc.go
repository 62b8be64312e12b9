// Package backend holds the order domain every part of orderdash speaks:
// orders, statuses and their kinds, history events, queries and pages,
// status changes, the Backend interface each platform implements, and the
// typed errors every client maps its platform's failures onto.
//
// It does no I/O of its own. Platform clients live in backend/<platform>;
// simulated platforms in backend/sim.
package backend
