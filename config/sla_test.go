package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestStoreSLA(t *testing.T) {
	text := `[sla]
processing = "36h"
shipped = "7d"

[[stores]]
name = "Fast"
platform = "cscart"
url = "https://shop.example.com/api"
email = "ops@example.com"
api_key_env = "TEST_CSCART_KEY"
sla = { processing = "12h", on_hold = "0" }

[[stores]]
name = "Plain"
platform = "lunasoft"
url = "https://www.example.com/site_api/shopping_cart"
api_key_env = "TEST_LUNA_KEY"
`
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	l, _ := testLoader(testEnv)
	f, err := l.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	h := time.Hour
	tests := []struct {
		store string
		kind  backend.StatusKind
		want  time.Duration
	}{
		{"Fast", backend.KindPending, 24 * h},    // the default
		{"Fast", backend.KindProcessing, 12 * h}, // the store's own
		{"Fast", backend.KindOnHold, 0},          // turned off by the store
		{"Fast", backend.KindShipped, 7 * 24 * h},
		{"Plain", backend.KindProcessing, 36 * h}, // [sla]
		{"Plain", backend.KindOnHold, 72 * h},
		{"Demo store", backend.KindProcessing, 36 * h}, // not in the file: [sla]
	}
	for _, tt := range tests {
		if got := f.StoreSLA(tt.store).Limit(tt.kind); got != tt.want {
			t.Errorf("%s %s: %v, want %v", tt.store, tt.kind, got, tt.want)
		}
	}
	var none *File
	if got := none.StoreSLA("x").Limit(backend.KindProcessing); got != 48*h {
		t.Errorf("no file: processing %v, want the default 48h", got)
	}
}
