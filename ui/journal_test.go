package ui

import (
	"testing"

	"github.com/orderdash/orderdash/backend"
)

func TestActionOfAndStateLabel(t *testing.T) {
	cases := []struct {
		e      JournalEntry
		action ReconcileAction
		label  string
	}{
		{JournalEntry{State: backend.StateConfirmed}, ReconcileConfirmed, "✓ confirmed"},
		{JournalEntry{State: backend.StateFailed, Error: "refused"}, ReconcileFailed, "✗ failed"},
		{JournalEntry{State: backend.StateDropped}, ReconcileFailed, "– dropped"},
		{JournalEntry{State: backend.StateUnknown, NeedsDecision: true}, ReconcileNeedsDecision, "? decide"},
		{JournalEntry{State: backend.StateUnknown}, ReconcileUnknown, "? unknown"},
		{JournalEntry{State: backend.StateSent}, ReconcileDeferred, glyphPending + " sent"},
		{JournalEntry{State: backend.StatePending}, ReconcileDeferred, "○ pending"},
	}
	for _, c := range cases {
		if got, _ := actionOf(c.e); got != c.action {
			t.Errorf("actionOf(%s) = %s, want %s", c.e.State, got, c.action)
		}
		if got, _ := stateLabel(c.e); got != c.label {
			t.Errorf("stateLabel(%s) = %q, want %q", c.e.State, got, c.label)
		}
	}
	if _, err := actionOf(JournalEntry{State: backend.StateFailed, Error: "refused"}); err == nil || err.Error() != "refused" {
		t.Errorf("a failed entry's reason is lost: %v", err)
	}
}
