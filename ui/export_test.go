package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// This file lends the test harness to the external tests (package
// ui_test), which run the dashboard on the real local database
// (*storage.DB as the ui.Database).

// Harness drives the dashboard deterministically (see harness).
type Harness struct{ h *harness }

// NewHarness starts the dashboard at w×h on the fixed test clock.
func NewHarness(t testing.TB, o Options, w, h int) *Harness {
	return &Harness{h: newHarness(t, o, w, h)}
}

// NewHarnessOnMirror starts the dashboard on the mirror as the test left
// it: the stores are not synced into it first.
func NewHarnessOnMirror(t testing.TB, o Options, w, h int) *Harness {
	return &Harness{h: newHarness(t, o, w, h, noFill)}
}

// Report delivers a report of the background sync.
func (x *Harness) Report(p backend.SyncProgress) {
	x.h.send(syncMsg{reports: []backend.SyncProgress{p}})
	x.h.settle()
}

// TestNow is the harness's clock at start.
var TestNow = testNow

func (x *Harness) Press(keys ...string)       { x.h.t.Helper(); x.h.press(keys...) }
func (x *Harness) Type(s string)              { x.h.t.Helper(); x.h.typeText(s) }
func (x *Harness) Screen() string             { return x.h.view() }
func (x *Harness) MustSee(parts ...string)    { x.h.t.Helper(); x.h.mustSee(parts...) }
func (x *Harness) MustNotSee(parts ...string) { x.h.t.Helper(); x.h.mustNotSee(parts...) }
func (x *Harness) Line(s string) string       { return x.h.line(s) }
func (x *Harness) Settle()                    { x.h.settle() }
func (x *Harness) Advance(d time.Duration)    { x.h.advance(d) }
func (x *Harness) Send(msg tea.Msg)           { x.h.send(msg); x.h.settle() }

// Styled is the screen in the 16-colour ANSI profile, for golden files.
func (x *Harness) Styled() string { return x.h.styled(colorprofile.ANSI) }

// FireTimers delivers the timers held so far (ticks, refreshes).
func (x *Harness) FireTimers() { x.h.fire(nil) }

// SelectedID is the order id under the cursor ("" when none).
func (x *Harness) SelectedID() string {
	if r := x.h.selected(); r != nil {
		return r.key.id
	}
	return ""
}

// SelectedStatus is the status code of the order under the cursor.
func (x *Harness) SelectedStatus() string {
	if r := x.h.selected(); r != nil {
		return r.o.Status.Code
	}
	return ""
}

// Overlay names what is open over the table ("" for nothing).
func (x *Harness) Overlay() string {
	return x.h.top()
}

// Stores the harness tests use, shared with the external tests.
func CSCartLike(name string, n int, seed uint64) *backendtest.Store { return cscartLike(name, n, seed) }
func LunasoftLike(name string, n int, seed uint64) *backendtest.Store {
	return lunasoftLike(name, n, seed)
}
func CursorStore(name string, n int, seed uint64) *backendtest.Store {
	return cursorStore(name, n, seed)
}
