// Package lunasoft is the client for the Lunasoft site API's shopping cart
// module (seed 002), platform "lunasoft".
//
// Lunasoft keeps a status history (newest first) and adds to it with a
// POST that is not idempotent: each POST appends a row. So a status change
// whose answer is lost is never simply sent again; the order is re-read and
// its newest history entry compared with the change first, and only a
// change the store shows no trace of is sent again, once.
package lunasoft
