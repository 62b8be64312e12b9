package api2cart

import (
	"github.com/orderdash/orderdash/backend"
)

// Platform is the `platform =` value of API2Cart stores.
const Platform = "api2cart"

// DefaultURL is API2Cart's production endpoint.
const DefaultURL = "https://api.api2cart.com/v1.1"

// Config is one `[[stores]]` entry with `platform = "api2cart"`.
type Config struct {
	backend.StoreConfig
	// APIKey is the API2Cart account key (x-api-key).
	APIKey    backend.Secret `toml:"api_key"`
	APIKeyEnv string         `toml:"api_key_env"`
	// StoreKey picks the connected store (x-store-key).
	StoreKey    backend.Secret `toml:"store_key"`
	StoreKeyEnv string         `toml:"store_key_env"`
	// Currency is shown for orders whose cart reports none.
	Currency string `toml:"currency" check:"currency"`
	// StoreID selects one store of a multi-store cart (store_id); "" for
	// the cart's default store.
	StoreID string `toml:"store_id" check:"oneline"`
	// Carrier is the carrier_id sent with tracking numbers; "" lets the
	// cart use its default carrier.
	Carrier string `toml:"carrier" check:"oneline"`
}
