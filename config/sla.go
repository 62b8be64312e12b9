package config

import (
	"fmt"

	"github.com/orderdash/orderdash/backend"
)

// SLA is the [sla] table: the longest an order may stay in each open
// status kind before it is late (pending, processing, on_hold, shipped,
// other), as "24h", "90m" or "2d"; "0" is no limit. A store's own
// `sla = {…}` in its [[stores]] entry overrides it key by key, and what
// neither sets is backend.DefaultSLA.
type SLA struct {
	backend.SLA
}

// Validate refuses limits too short to be meant.
func (s SLA) Validate() error {
	if err := s.SLA.Validate(); err != nil {
		return fmt.Errorf("sla.%w", err)
	}
	return nil
}

// StoreSLA is the SLA that applies to the store called name: the
// defaults, then [sla], then the store's own overrides. A store the file
// does not have (a demo store) gets the defaults and [sla].
func (f *File) StoreSLA(name string) backend.SLA {
	sla := backend.DefaultSLA()
	if f == nil {
		return sla
	}
	sla = sla.With(f.SLA.SLA)
	for _, s := range f.Stores {
		if s.Name == name {
			return sla.With(s.SLA)
		}
	}
	return sla
}
