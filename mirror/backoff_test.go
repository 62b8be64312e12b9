package mirror

import (
	"testing"
	"time"
)

func TestBackoffGrowsToItsBound(t *testing.T) {
	for _, tc := range []struct {
		fails int
		want  time.Duration
	}{{1, 2 * time.Minute}, {2, 4 * time.Minute}, {4, 16 * time.Minute}, {5, maxBackoff}, {50, maxBackoff}} {
		if got := backoff(2*time.Minute, tc.fails); got != tc.want {
			t.Errorf("after %d failures: %v, want %v", tc.fails, got, tc.want)
		}
	}
}

func TestIDLess(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"", "1", true}, {"9", "10", true}, {"10", "9", false}, {"a", "b", true}, {"5", "5", false}, {"1", "", false}} {
		if got := idLess(tc.a, tc.b); got != tc.want {
			t.Errorf("idLess(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
