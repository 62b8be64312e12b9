package kornitx

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

func TestDispatchDeadline(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"2026-06-30", time.UTC, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		{"2026-06-30", london, time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)}, // BST
		{"2026-12-31", london, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2026-6-9", time.UTC, time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)},
		{"2026-06-09 00:00:00", time.UTC, time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)},
		{"2026-06-09T15:04:05", time.UTC, time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)},
		{" 2026-02-28 ", nil, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"0000-00-00", time.UTC, time.Time{}},
		{"0000-00-00 00:00:00", time.UTC, time.Time{}},
		{"", time.UTC, time.Time{}},
		{"2026-06-31", time.UTC, time.Time{}}, // no such day
		{"2026-02-29", time.UTC, time.Time{}},
		{"2026-13-01", time.UTC, time.Time{}},
		{"1970-01-01", time.UTC, time.Time{}},
		{"26-06-30", time.UTC, time.Time{}},
		{"2026/06/30", time.UTC, time.Time{}},
		{"2026-06-30-01", time.UTC, time.Time{}},
		{"2026--30", time.UTC, time.Time{}},
		{"+2026-06-30", time.UTC, time.Time{}},
		{"1751241600", time.UTC, time.Time{}}, // not a date
	}
	for _, tt := range tests {
		if got := dispatchDeadline(tt.in, tt.loc); !got.Equal(tt.want) {
			t.Errorf("dispatchDeadline(%q, %v) = %v, want %v", tt.in, tt.loc, got, tt.want)
		}
	}
}

// The simulator's pushes carry a dispatch date on most orders and an
// urgent flag on some; both reach the order as the client reads it back.
func TestSimDispatchAndUrgent(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{Orders: 120})
	c, _ := simClient(t, srv)
	var dated, urgent int
	for _, so := range srv.Backlog() {
		o, err := c.Get(context.Background(), strconv.FormatInt(so.ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		want := dispatchDeadline(so.RequiredDispatchDate, time.UTC)
		if !o.DispatchBy.Equal(want) || o.Urgent != so.IsUrgent {
			t.Errorf("order %d: dispatch by %v urgent %v; pushed %q urgent %v", so.ID, o.DispatchBy, o.Urgent, so.RequiredDispatchDate, so.IsUrgent)
		}
		if !want.IsZero() {
			dated++
		}
		if so.IsUrgent {
			urgent++
		}
	}
	if dated == 0 || urgent == 0 {
		t.Errorf("the simulator sent %d dated and %d urgent orders of %d; want some of each", dated, urgent, len(srv.Backlog()))
	}
}
