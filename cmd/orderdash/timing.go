package main

import (
	"fmt"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Markers for late and urgent orders: a glyph and a word, never colour
// alone (the command line prints no colour at all).
const (
	lateMark   = "! late"
	urgentMark = "▲ urgent"
)

// sla is the SLA that applies to the store called name: the defaults,
// [sla], then the store's own sla = {…}.
func (a *app) sla(name string) backend.SLA { return a.file.StoreSLA(name) }

// orderJSON is an order as list and show print it in JSON: the order's
// fields, and where it stands against its deadlines. Age is whole seconds
// since the order was placed (absent when the store gave no creation
// time), due when it becomes late (absent when no limit applies), late
// whether that has passed, urgent whether the platform marks it urgent and
// it has not shipped. This urgent takes the place of the order's own
// (the platform's flag as sent): the same while the order is open, false
// once it has shipped or is final.
type orderJSON struct {
	backend.Order
	Age    *int64    `json:"age,omitempty"`
	Due    time.Time `json:"due,omitzero"`
	Late   bool      `json:"late"`
	Urgent bool      `json:"urgent"`
}

func withTiming(o backend.Order, sla backend.SLA, now time.Time) orderJSON {
	t := backend.TimingOf(o, sla, now)
	j := orderJSON{Order: o, Due: t.Due, Late: t.Late, Urgent: t.Urgent}
	if !o.Created.IsZero() {
		secs := int64(t.Age / time.Second)
		j.Age = &secs
	}
	return j
}

// ageText is a duration in at most two units: "3d 4h", "5h 12m", "42m",
// "<1m".
func ageText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		h := int(d / time.Hour)
		if m := int(d%time.Hour) / int(time.Minute); m > 0 {
			return fmt.Sprintf("%dh %dm", h, m)
		}
		return fmt.Sprintf("%dh", h)
	}
	days := int(d / (24 * time.Hour))
	if h := int(d%(24*time.Hour)) / int(time.Hour); h > 0 {
		return fmt.Sprintf("%dd %dh", days, h)
	}
	return fmt.Sprintf("%dd", days)
}

// dueText is the list's DUE cell: "! late 2d 4h", "in 5h", or "" with no
// deadline; "▲ urgent" follows for an urgent order.
func dueText(t backend.Timing, now time.Time) string {
	s := ""
	switch {
	case t.Late:
		s = lateMark + " " + ageText(t.Overdue)
	case !t.Due.IsZero():
		s = "in " + ageText(t.Due.Sub(now))
	}
	if t.Urgent {
		if s != "" {
			s += " "
		}
		s += urgentMark
	}
	return s
}

// ageCell is the list's AGE cell: "" when the creation time is unknown.
func ageCell(o backend.Order, t backend.Timing) string {
	if o.Created.IsZero() {
		return ""
	}
	return ageText(t.Age)
}
