package storage

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// BenchmarkJournalAppend records one change per operation, each its own
// durable transaction (WAL, synchronous=FULL): the rate at which the
// dashboard and set-status can journal changes. Target: over 1,000/s.
func BenchmarkJournalAppend(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	j := db.Journal("sam")
	for b.Loop() {
		ch := fake.Change("Shop", "1")
		if err := j.Record(ctx, &ch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}

// BenchmarkJournalApply is a whole change through backend.Apply against an
// instant store: record, sent, confirmed — three durable transactions.
func BenchmarkJournalApply(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	j := db.Journal("sam")
	f := fake.NewStore("Shop", true)
	for b.Loop() {
		f.Orders["1"].History = nil // keep the order the size of a real one
		if _, err := backend.Apply(ctx, f, j, fake.Change("Shop", "1")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}
