package ui

import (
	"testing"

	"github.com/orderdash/orderdash/backend"
)

func TestActionOfAndStateLabel(t *testing.T) {
	cases := []struct {
		e      backend.JournalEntry
		action backend.ReconcileAction
		label  string
	}{
		{backend.JournalEntry{State: backend.StateConfirmed}, backend.ReconcileConfirmed, "✓ confirmed"},
		{backend.JournalEntry{State: backend.StateFailed, Error: "refused"}, backend.ReconcileFailed, "✗ failed"},
		{backend.JournalEntry{State: backend.StateDropped}, backend.ReconcileFailed, "– dropped"},
		{backend.JournalEntry{State: backend.StateUnknown, NeedsDecision: true}, backend.ReconcileNeedsDecision, "? decide"},
		{backend.JournalEntry{State: backend.StateUnknown}, backend.ReconcileUnknown, "? unknown"},
		{backend.JournalEntry{State: backend.StateSent}, backend.ReconcileDeferred, glyphPending + " sent"},
		{backend.JournalEntry{State: backend.StatePending}, backend.ReconcileDeferred, "○ pending"},
	}
	for _, c := range cases {
		if got, _ := actionOf(c.e); got != c.action {
			t.Errorf("actionOf(%s) = %s, want %s", c.e.State, got, c.action)
		}
		if got, _ := stateLabel(c.e); got != c.label {
			t.Errorf("stateLabel(%s) = %q, want %q", c.e.State, got, c.label)
		}
	}
	if _, err := actionOf(backend.JournalEntry{State: backend.StateFailed, Error: "refused"}); err == nil || err.Error() != "refused" {
		t.Errorf("a failed entry's reason is lost: %v", err)
	}
}
