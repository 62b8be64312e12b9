package kornitx

import (
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Platform is the `platform =` value of a Kornit X store.
const Platform = "kornitx"

// DefaultURL is the Order Status API v2.2 host the seed names.
const DefaultURL = "https://api-sl-2-2.custom-gateway.net"

// DefaultListen is where `orderdash receive` listens without --listen.
const DefaultListen = "127.0.0.1:8787"

// DefaultMaxBody bounds a pushed order. Real ones are a few kilobytes; a
// hundred items with artwork links stay well under 1 MiB.
const DefaultMaxBody = 1 << 20

// Config is one `[[stores]]` entry with platform = "kornitx".
type Config struct {
	backend.StoreConfig
	// RefID and APIKey are the Order Status API credentials.
	RefID     string         `toml:"ref_id" check:"oneline"`
	APIKey    backend.Secret `toml:"api_key"`
	APIKeyEnv string         `toml:"api_key_env"`
	// HMACKey checks the signature of pushed orders (the key shown in the
	// Generic API supplier integration's settings), at least MinHMACKey
	// bytes: the config loader refuses a shorter one at its line.
	HMACKey    backend.Secret `toml:"hmac_key" check:"minlen=16"`
	HMACKeyEnv string         `toml:"hmac_key_env"`
	// HMACEncoding is how the signature is written: "hex" (default) or
	// "base64". The docs do not say; a wrong choice shows as every push
	// answered 401, and the receiver's log says so.
	HMACEncoding string `toml:"hmac_encoding" check:"oneof=hex|base64"`
	// AuthEncoding is how REFID:APIKEY goes into the Basic header: "raw"
	// (default, as the docs show it) or "base64" (standard Basic auth).
	AuthEncoding string `toml:"auth_encoding" check:"oneof=raw|base64"`
	// Listen is the receiver's address (default 127.0.0.1:8787).
	Listen string `toml:"listen" check:"hostport"`
	// TLSCert and TLSKey, both set, make the receiver serve HTTPS.
	TLSCert string `toml:"tls_cert"`
	TLSKey  string `toml:"tls_key"`
	// MaxBody bounds a pushed order in bytes (default 1 MiB).
	MaxBody int64 `toml:"max_body" check:"range=1..67108864"`
	// MaxInFlight bounds the pushes handled at once (default 16); more
	// are answered 503 with Retry-After, and Kornit X pushes them again.
	MaxInFlight int `toml:"max_in_flight" check:"range=1..256"`
	// Currency is what prices are in when a push carries no currency_code.
	Currency string `toml:"currency" check:"currency"`
	// TimeZone is the zone of the push's dates, which carry none; an IANA
	// name, default "UTC". Kornit X is a UK company; "Europe/London" may be
	// right for your account.
	TimeZone string `toml:"time_zone" check:"zone"`
}

const (
	defaultCurrency    = "GBP"
	defaultMaxInFlight = 16
)

// The receiver holds up to 2 × max_in_flight × max_body bytes of bodies;
// these keep that within what one machine has.
const (
	maxMaxBody     = 64 << 20
	maxMaxInFlight = 256
)

// MinHMACKey is the shortest hmac_key the receiver takes, in bytes: a
// shorter key could be found by trying keys against one pushed order.
const MinHMACKey = 16

func (c Config) name() string {
	if c.Name == "" {
		return "(unnamed)"
	}
	return c.Name
}

// checkClient reports the first thing the status API client cannot work
// without.
func (c Config) checkClient() error {
	name := c.name()
	switch {
	case strings.TrimSpace(c.RefID) == "":
		return fmt.Errorf("store %q (kornitx): ref_id is not set (the Order Status API REFID)", name)
	case strings.ContainsAny(c.RefID, ": \t\r\n"):
		return fmt.Errorf("store %q (kornitx): ref_id holds a colon, space or line break", name)
	case !c.APIKey.IsSet():
		if c.APIKeyEnv != "" {
			return fmt.Errorf("store %q (kornitx): api_key is not set (environment variable %s is empty)", name, c.APIKeyEnv)
		}
		return fmt.Errorf("store %q (kornitx): api_key is not set (give api_key or api_key_env)", name)
	case strings.ContainsAny(c.APIKey.Reveal(), "\r\n"):
		return fmt.Errorf("store %q (kornitx): api_key holds a line break", name)
	}
	switch strings.ToLower(strings.TrimSpace(c.AuthEncoding)) {
	case "", "raw", "base64":
	default:
		return fmt.Errorf("store %q (kornitx): auth_encoding = %q: want raw or base64", name, c.AuthEncoding)
	}
	return c.checkCommon()
}

// CheckReceiver reports the first thing the push receiver cannot work
// without, or a key too weak to trust; `receive` and `check` call it
// before anything listens. The error never holds the key.
func (c Config) CheckReceiver() error {
	name := c.name()
	switch {
	case !c.HMACKey.IsSet():
		if c.HMACKeyEnv != "" {
			return fmt.Errorf("store %q (kornitx): hmac_key is not set (environment variable %s is empty)", name, c.HMACKeyEnv)
		}
		return fmt.Errorf("store %q (kornitx): hmac_key is not set (give hmac_key or hmac_key_env): pushed orders cannot be checked", name)
	case len(c.HMACKey.Reveal()) < MinHMACKey:
		key := "hmac_key"
		if c.HMACKeyEnv != "" {
			key += " (from " + c.HMACKeyEnv + ")"
		}
		return fmt.Errorf("store %q (kornitx): %s is shorter than %d bytes: use the key Kornit X shows in the integration's settings", name, key, MinHMACKey)
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return fmt.Errorf("store %q (kornitx): give both tls_cert and tls_key, or neither", name)
	case c.MaxBody < 0 || c.MaxBody > maxMaxBody:
		return fmt.Errorf("store %q (kornitx): max_body = %d: want a size in bytes from 1 to %d", name, c.MaxBody, maxMaxBody)
	case c.MaxInFlight < 0 || c.MaxInFlight > maxMaxInFlight:
		return fmt.Errorf("store %q (kornitx): max_in_flight = %d: want a number from 1 to %d", name, c.MaxInFlight, maxMaxInFlight)
	}
	switch strings.ToLower(strings.TrimSpace(c.HMACEncoding)) {
	case "", "hex", "base64":
	default:
		return fmt.Errorf("store %q (kornitx): hmac_encoding = %q: want hex or base64", name, c.HMACEncoding)
	}
	return c.checkCommon()
}

func (c Config) checkCommon() error {
	if _, err := c.location(); err != nil {
		return fmt.Errorf("store %q (kornitx): time_zone = %q: %v", c.name(), c.TimeZone, err)
	}
	return nil
}

func (c Config) location() (*time.Location, error) {
	tz := strings.TrimSpace(c.TimeZone)
	if tz == "" || strings.EqualFold(tz, "UTC") {
		return time.UTC, nil
	}
	return time.LoadLocation(tz)
}

func (c Config) url() string {
	if u := strings.TrimSpace(c.URL); u != "" {
		return u
	}
	return DefaultURL
}

func (c Config) currency() string {
	if cur := strings.ToUpper(strings.TrimSpace(c.Currency)); cur != "" {
		return cur
	}
	return defaultCurrency
}

// ListenAddr is the receiver's address from the config, or DefaultListen.
func (c Config) ListenAddr() string {
	if l := strings.TrimSpace(c.Listen); l != "" {
		return l
	}
	return DefaultListen
}
