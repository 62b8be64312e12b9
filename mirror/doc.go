// Package mirror keeps the local database's copy of every store's orders
// fresh: a background sync per store, within the platform's limits and
// back-off, using only the backend.Backend interface.
//
// How a store is read depends on what its platform can filter by:
//
//   - updated-since (CS-Cart updated_at_from, API2Cart modified_from, the
//     Kornit X local store): the first fill asks for what changed in the
//     last [storage] sync_days; every later pass for what changed since
//     the watermark, less an overlap.
//   - id-from (Lunasoft): new orders by id at least the highest seen,
//     then a budget of re-reads of the open orders, least recently read
//     first (Lunasoft cannot say what changed).
//   - neither: every page, each pass.
//
// Guarantees. Each page is written with the sync state it advances in one
// transaction, so a crash resumes from what is really saved, losing and
// doubling nothing. The watermark is a time in the store's own clock (the
// latest update read, less the pass's duration), never this machine's, so
// clocks that disagree make windows overlap rather than miss. Pages are
// read newest first (or, on CS-Cart, by creation under a fixed
// updated-since filter): an order that changes during a pass moves ahead
// of the pages still to read or stays where it was, so nothing that
// existed when the pass began is skipped; what changed meanwhile is read
// by the next pass, which starts before the pass began.
//
// Bounds. A pass holds one page at a time: each is saved as it comes, so
// memory stays flat however long the walk. A list whose cursors go round
// in circles, or that goes on past backend.MaxWalk pages, ends the pass
// with an error once the pages read are saved; the next pass (after the
// back-off) reads on from there. Before each pass the database file is
// checked: deleted, replaced or overwritten (its header no longer
// SQLite's), the sync stops with one line, since SQLite, working from its
// cache and log, would write on into a file that is gone or garbage.
//
// Run passes over each store every Interval. Options.Waker starts a
// store's next pass at once (the dashboard wakes a store after a change
// or a refresh): wakes coalesce, so however many come while a pass runs,
// at most one more pass follows it, and a wake that came before a pass
// is answered by that pass. A store in back-off after a failure (a
// growing wait, or the platform's Retry-After) is not read sooner for a
// wake: its failed report, with the time of its next pass, is sent again
// instead.
package mirror
