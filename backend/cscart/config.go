package cscart

import (
	"fmt"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Platform is the `platform =` value of a CS-Cart store.
const Platform = "cscart"

// Config is one `[[stores]]` entry with platform = "cscart".
type Config struct {
	backend.StoreConfig
	// Email is the admin (or vendor) account's e-mail: the Basic auth user.
	Email string `toml:"email" check:"email"`
	// APIKey is the account's API key: the Basic auth password.
	APIKey    backend.Secret `toml:"api_key"`
	APIKeyEnv string         `toml:"api_key_env"`
	// Currency is what totals are in; the API does not say (default EUR).
	Currency string `toml:"currency" check:"currency"`
	// Carrier is the carrier code a shipment made with a tracking number
	// carries (CS-Cart's "usps", "dhl", …); "" sends none.
	Carrier string `toml:"carrier" check:"oneline"`
}

const defaultCurrency = "EUR"

// check reports the first thing New cannot work without.
func (c Config) check() error {
	name := c.Name
	if name == "" {
		name = "(unnamed)"
	}
	switch {
	case strings.TrimSpace(c.URL) == "":
		return fmt.Errorf("store %q (cscart): url is not set", name)
	case strings.TrimSpace(c.Email) == "":
		return fmt.Errorf("store %q (cscart): email is not set (the admin or vendor e-mail the API key belongs to)", name)
	case !c.APIKey.IsSet():
		if c.APIKeyEnv != "" {
			return fmt.Errorf("store %q (cscart): api_key is not set (environment variable %s is empty)", name, c.APIKeyEnv)
		}
		return fmt.Errorf("store %q (cscart): api_key is not set (give api_key or api_key_env)", name)
	case strings.ContainsAny(c.Email, "\r\n"):
		return fmt.Errorf("store %q (cscart): email holds a line break", name)
	}
	return nil
}
