// Package storage is orderdash's local database: an embedded SQLite file
// (modernc.org/sqlite, pure Go, so `go install` needs no C toolchain)
// holding the change journal (the outbox every status change passes
// through), the local status history it yields, and a cache of the order
// pages last seen, so the dashboard paints at once and stays browsable
// when a store is offline.
//
// # Wiring
//
// Path: config.Paths.Database(cfg.Storage) decides it — --data-dir, then
// `[storage] path`, then $XDG_DATA_HOME/orderdash/orderdash.db; the demo
// keeps its own under <data dir>/demo. cmd/orderdash opens it once per run
// (app.database); `orderdash info` reads it, and the demo's, with
// storage.Inspect, which creates and changes nothing.
//
//	db, err := storage.Open(ctx, paths.Database(cfg.Storage))
//	if err != nil {
//		// One line: which file, why, what to do (corrupt, locked, newer
//		// schema, disk full, I/O error, read-only, cannot open), with
//		// SQLite's code for support. Keep going against the stores, without the
//		// file: reads work; changes are refused until the file opens
//		// (nothing would record them durably).
//		warn(err)
//	}
//	defer db.Close()
//	journal := db.Journal(storage.OperatorName(cfg.Operator))
//	store = storage.WithLocalHistory(client, db) // local history in every order
//
// Every status change (dashboard, bulk, set-status):
//
//	o, err := backend.Apply(ctx, store, journal, change)
//
// At start (in the background), before set-status and on demand from the
// journal view, once per store; the command line and the dashboard call it
// the same way, and storage runs one reconciliation of a store at a time:
//
//	outcomes, err := db.Reconcile(ctx, store, backend.ReconcileOptions{Operator: op, NoResend: readOnly})
//
// The journal view and `orderdash journal [--store NAME] [--json]`:
// db.Changes(ctx, backend.ChangeFilter{Store: name}) — open entries on top,
// then newest first; backend.JournalEntry marshals to the documented JSON.
// For an entry with CanResend/CanDrop: db.Resend(ctx, store, id, op) and
// db.Drop(ctx, id, op); db.Steps(ctx, id) is its step-by-step trail.
//
// *DB is the dashboard's ui.Database as it is: the journal's and the
// cache's types are backend's, so no layer copies them.
//
// The detail pane's timeline:
//
//	local, _ := db.LocalHistory(ctx, o.Store, o.ID)
//	o.History = storage.MergeHistory(o.History, local)
//
// The mirror (mirror.go, mirror_window.go): every store's orders as the
// background sync (package mirror) last read them. A tab reads a window:
// db.Window(ctx, backend.Window{View: v, Anchor: key, Before: n, After: m})
// and db.Count(ctx, v); db.MirrorOrder serves the detail pane at once and
// offline (backend.ErrNotCached when the mirror lacks the order), and
// db.MirrorPut writes what the dashboard reads live (a detail, a change's
// answer). The page cache of schema 2 is dropped by migration 7.
//
// # Guarantees
//
// Each journal write is one transaction with synchronous=FULL, so a change
// recorded is on disk before it is sent. A change whose outcome is unknown
// is re-read before anything is resent; it is resent unasked only where
// that cannot apply it twice (Capabilities.SafeResend), always with its
// original idempotency key. A change another running process is still
// sending is left alone: each process holds a lock on a file in
// <db>-sessions/, which the OS drops when the process dies. Nothing is
// deleted from the journal.
//
// The file is in WAL mode with a busy timeout, so the Kornit X receiver
// and other dashboards on the machine read and write it at the same time.
// The schema is versioned in code (migrations, PRAGMA user_version); a
// file from a newer build is refused with ErrNewerSchema, never altered.
package storage
