package backendtest

import (
	"fmt"
	"testing"
)

// DecodePage benchmarks a client's whole reading of page, envelope to
// []backend.Order ("ours"), against encoding/json into plain structs with
// the same fields and no leniency ("plain"), the floor to measure
// against, and the two in turn ("ratio", see Ratio). Each function reads
// page and says how many orders it found; fewer or more than want fail.
func DecodePage(b *testing.B, page []byte, want int, ours, plain func() (int, error)) {
	run := func(decode func() (int, error)) error {
		if n, err := decode(); err != nil || n != want {
			return fmt.Errorf("%d orders, want %d: %v", n, want, err)
		}
		return nil
	}
	for _, bb := range []struct {
		name   string
		decode func() (int, error)
	}{{"ours", ours}, {"plain", plain}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if err := run(bb.decode); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("ratio", func(b *testing.B) {
		Ratio(b, func() error { return run(ours) }, func() error { return run(plain) })
	})
}
