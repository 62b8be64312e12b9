package backendtest

import (
	"testing"
	"time"
)

// Ratio benchmarks ours against base, a floor to measure against, and
// reports ours/base as the metric "x-base". The two alternate within each
// iteration, so a machine that slows down mid-run slows both alike: two
// separate benchmarks minutes apart on a shared machine compare noise.
func Ratio(b *testing.B, ours, base func() error) {
	b.Helper()
	var tOurs, tBase time.Duration
	for b.Loop() {
		start := time.Now()
		if err := ours(); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := base(); err != nil {
			b.Fatal(err)
		}
		tOurs += mid.Sub(start)
		tBase += time.Since(mid)
	}
	if tBase > 0 {
		b.ReportMetric(float64(tOurs)/float64(tBase), "x-base")
	}
}
