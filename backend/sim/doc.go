// Package sim holds what the simulated platforms share: a deterministic
// order generator, switchable faults, a loopback HTTP server that records
// every request, JSON answers, and atomic state files.
//
// The platform simulators (cscartsim, lunasoftsim, ...) speak each store's
// wire protocol as the platform documents describe it. They import only the
// standard library and this package, never a client package or backend/wire:
// a client tested against a simulator checks two independent readings of
// the same documents against each other.
package sim
