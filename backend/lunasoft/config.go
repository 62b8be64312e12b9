package lunasoft

import (
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Platform is the `platform =` value of a Lunasoft store.
const Platform = "lunasoft"

// Config is one `[[stores]]` entry with platform = "lunasoft".
type Config struct {
	backend.StoreConfig
	APIKey    backend.Secret `toml:"api_key"`
	APIKeyEnv string         `toml:"api_key_env"`
	// AuthPrefix is the text before the key in the Authorization header:
	// "" sends the bare key, "Bearer" sends "Bearer <key>".
	AuthPrefix string `toml:"auth_prefix" check:"oneline"`
	// Statuses are the site's status names, exactly as configured at
	// /admin/shopping_cart/status: Lunasoft has no API that lists them.
	Statuses []string `toml:"statuses" check:"names"`
	// Currency is what totals are in; the API does not say (default USD).
	Currency string `toml:"currency" check:"currency"`
	// TimeZone reads dates the site sends without an offset and writes the
	// created_on_after filter (an IANA name; default UTC).
	TimeZone string `toml:"time_zone" check:"zone"`
}

// DefaultStatuses are the names a Lunasoft site starts with; the seed shows
// Processing, Shipped and Complete.
var DefaultStatuses = []string{"Pending", "Processing", "Shipped", "Complete", "Cancelled"}

const defaultCurrency = "USD"

// check reports the first thing New cannot work without, and returns the
// time zone.
func (c Config) check() (*time.Location, error) {
	name := c.Name
	if name == "" {
		name = "(unnamed)"
	}
	switch {
	case strings.TrimSpace(c.URL) == "":
		return nil, fmt.Errorf("store %q (lunasoft): url is not set", name)
	case !c.APIKey.IsSet():
		if c.APIKeyEnv != "" {
			return nil, fmt.Errorf("store %q (lunasoft): api_key is not set (environment variable %s is empty)", name, c.APIKeyEnv)
		}
		return nil, fmt.Errorf("store %q (lunasoft): api_key is not set (give api_key or api_key_env)", name)
	case strings.ContainsAny(c.APIKey.Reveal()+c.AuthPrefix, "\r\n"):
		return nil, fmt.Errorf("store %q (lunasoft): api_key or auth_prefix holds a line break", name)
	}
	seen := map[string]bool{}
	for _, s := range c.Statuses {
		t := strings.TrimSpace(s)
		switch {
		case t == "":
			return nil, fmt.Errorf("store %q (lunasoft): statuses holds an empty name", name)
		case t != s:
			return nil, fmt.Errorf("store %q (lunasoft): status %q has spaces around it (names must match the site's exactly)", name, s)
		case seen[t]:
			return nil, fmt.Errorf("store %q (lunasoft): status %q is listed twice", name, s)
		case backend.CleanLine(t) != t:
			return nil, fmt.Errorf("store %q (lunasoft): status %q holds control characters", name, s)
		}
		seen[t] = true
	}
	loc := time.UTC
	if tz := strings.TrimSpace(c.TimeZone); tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("store %q (lunasoft): time_zone %q is not a known time zone", name, c.TimeZone)
		}
		loc = l
	}
	return loc, nil
}
