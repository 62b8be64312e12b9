package backend

import "time"

// StoreConfig is what every `[[stores]]` entry has, whatever its platform.
// Each platform's Config embeds it and adds its own keys.
type StoreConfig struct {
	Name     string `toml:"name" check:"oneline"`
	Platform string `toml:"platform"`
	URL      string `toml:"url"`
	ReadOnly bool   `toml:"read_only"`
	// StatusKinds overrides the platform's mapping of status codes onto
	// kinds: status_kinds = { G = "on_hold" }.
	StatusKinds map[string]string `toml:"status_kinds"`
	// Timeout bounds one request to the store (default 20s).
	Timeout time.Duration `toml:"timeout" check:"range=100ms..10m"`
	// SLA overrides [sla] for this store: sla = { processing = "24h" }.
	SLA SLA `toml:"sla"`
	// AdminURL opens an order in the store's own admin: {id} is replaced
	// by the order's id, {number} by its number (both URL-escaped). It
	// never holds credentials (config.CheckAdminURL).
	AdminURL string `toml:"admin_url" check:"adminurl"`
}

// KindOverrides parses StatusKinds; the config loader has already checked
// every value, so unknown kinds are skipped here.
func (c StoreConfig) KindOverrides() map[string]StatusKind {
	if len(c.StatusKinds) == 0 {
		return nil
	}
	out := make(map[string]StatusKind, len(c.StatusKinds))
	for code, name := range c.StatusKinds {
		if k, err := ParseKind(name); err == nil {
			out[code] = k
		}
	}
	return out
}
