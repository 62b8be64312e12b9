package kornitx

import (
	"encoding/json"
	"time"

	"github.com/orderdash/orderdash/backend/httpx"
)

func dump(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// fastOpts make retries cost milliseconds.
var fastOpts = httpx.Options{Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxWait: 200 * time.Millisecond}
