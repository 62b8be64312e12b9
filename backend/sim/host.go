package sim

import "time"

// Host is the part every simulated platform's Server shares: the loopback
// Server under it and the controls tests and the demo use on any platform
// alike (faults, the request log, the clock, Close). A platform's Server
// embeds a Host from ListenHost, so each control is written once.
type Host struct {
	core *Server
}

// ListenHost starts the loopback Server a platform runs on.
func ListenHost(cfg Config) (Host, error) {
	core, err := Listen(cfg)
	if err != nil {
		return Host{}, err
	}
	return Host{core: core}, nil
}

// Root is the server root, e.g. "http://127.0.0.1:41234", without the
// platform's API path.
func (h Host) Root() string { return h.core.URL }

// Now is the server's "now", from its clock.
func (h Host) Now() time.Time { return h.core.Now() }

// Faults switches injected failures.
func (h Host) Faults() *Faults { return h.core.Faults }

// Requests is the log of every request received, oldest first.
func (h Host) Requests() []Request { return h.core.Requests() }

// ResetRequests empties the request log.
func (h Host) ResetRequests() { h.core.ResetRequests() }

// SetClock replaces the clock that time-stamps changes; nil is time.Now.
func (h Host) SetClock(c func() time.Time) { h.core.SetClock(c) }

// Close stops the server and releases hung requests.
func (h Host) Close() error { return h.core.Close() }
