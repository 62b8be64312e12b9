package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// BenchmarkFirstFrameFromCache is the time from opening the database to
// the first frame showing orders, with 100,000 orders cached (2,000 pages)
// and the store not answering: the dashboard reads the first page of the
// cache only, whatever its size.
func BenchmarkFirstFrameFromCache(b *testing.B) {
	const orders, pageSize = 100_000, 50
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), storage.FileName)
	s := backendtest.New(backendtest.Config{Name: "Bench store", Orders: orders, Seed: 7,
		Caps: backend.Capabilities{Count: true, MaxPageSize: 250}})
	db, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	fetched := time.Now().Add(-time.Hour)
	var first string
	for i, cursor := 1, ""; i <= orders/pageSize; i++ {
		p, err := s.List(ctx, backend.Query{PageSize: pageSize, Cursor: cursor})
		if err != nil {
			b.Fatal(err)
		}
		if err := db.SavePage(ctx, s.Name(), "all", i, p, fetched); err != nil {
			b.Fatal(err)
		}
		if i == 1 {
			first = p.Orders[0].Number
		}
		cursor = p.Next
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	release := s.Gate(backendtest.OpList) // the store never answers in time
	defer release()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := storage.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		o := wired(db, s)
		o.Config.Refresh = 0
		m, err := ui.New(o)
		if err != nil {
			b.Fatal(err)
		}
		firstFrame(b, m, first)
		b.StopTimer()
		_ = db.Close()
		b.StartTimer()
	}
}

// firstFrame runs the model the way Bubble Tea does (each command on its
// own goroutine, each message through Update) until a View shows want.
func firstFrame(b *testing.B, m *ui.Model, want string) {
	msgs := make(chan tea.Msg, 64)
	done := make(chan struct{})
	defer close(done)
	run := func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			select {
			case msgs <- c():
			case <-done:
			}
		}()
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	run(m.Init())
	deadline := time.After(10 * time.Second)
	for {
		select {
		case msg := <-msgs:
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			default:
				_, c := m.Update(msg)
				run(c)
				if strings.Contains(m.View().Content, want) {
					return
				}
			}
		case <-deadline:
			b.Fatalf("no frame showed %s:\n%s", want, m.View().Content)
		}
	}
}
