package backend

import "time"

// SyncPhase is what a store's background sync is doing.
type SyncPhase string

const (
	SyncFilling  SyncPhase = "filling"   // the first fill, back to [storage] sync_days
	SyncUpdating SyncPhase = "updating"  // reading what changed since the last pass
	SyncReading  SyncPhase = "rereading" // re-reading open orders (platforms without updated-since)
	SyncIdle     SyncPhase = "idle"      // up to date; the next pass comes later
	SyncFailed   SyncPhase = "failed"    // the last pass failed; it is tried again at RetryAt
	SyncStopped  SyncPhase = "stopped"   // the sync gave up (the database is gone)
)

// SyncProgress is one report of a store's background sync, for the
// status bar: what it is doing, how far it got, and how old the store's
// mirror is (time since Synced).
type SyncProgress struct {
	Store string
	Phase SyncPhase
	// Done counts the orders this pass has read; Total is how many it will
	// read, -1 when the platform does not say.
	Done, Total int
	// Synced is when the store's last pass completed; zero before the
	// first fill is done.
	Synced time.Time
	// Err is the last failure in one line, "" when the last pass worked.
	Err string
	// RetryAt is when the next pass starts.
	RetryAt time.Time
}
