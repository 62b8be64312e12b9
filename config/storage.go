package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Defaults of the [storage] keys that shape the local mirror.
const (
	DefaultSyncDays = 30
	DefaultKeep     = 90 * Day
	// maxSyncDays bounds the first fill to ten years of orders.
	maxSyncDays = 3650
)

// Day is 24 hours, the unit of [storage] keep.
const Day = 24 * time.Hour

// SyncWindow is how many days the mirror's first fill reaches back.
func (s Storage) SyncWindow() int {
	if s.SyncDays == 0 {
		return DefaultSyncDays
	}
	return s.SyncDays
}

// KeepFinal is how long an order stays in the mirror once final.
func (s Storage) KeepFinal() time.Duration {
	if s.Keep == 0 {
		return DefaultKeep
	}
	return time.Duration(s.Keep)
}

// Validate checks the mirror's keys.
func (s Storage) Validate() error {
	switch {
	case s.SyncDays < 0 || s.SyncDays > maxSyncDays:
		return fmt.Errorf("storage.sync_days: %d is not a number of days from 1 to %d", s.SyncDays, maxSyncDays)
	case s.Keep != 0 && time.Duration(s.Keep) < Day:
		return fmt.Errorf("storage.keep: %s is shorter than a day; write one such as \"90d\"", time.Duration(s.Keep))
	}
	return nil
}

// Days is a length of time written in days ("90d") or as a Go duration
// ("2160h").
type Days time.Duration

// UnmarshalText reads "90d", "1.5d" or a Go duration.
func (d *Days) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(s, "d"); ok {
		f, err := strconv.ParseFloat(n, 64)
		if err != nil || f < 0 {
			return fmt.Errorf("%q is not a number of days such as \"90d\"", s)
		}
		*d = Days(f * float64(Day))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a length of time such as \"90d\" or \"2160h\"", s)
	}
	*d = Days(v)
	return nil
}
