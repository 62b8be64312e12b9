package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// BenchmarkGotoMirrorHit is a go-to whose order the mirror holds, from
// Enter in the prompt to its detail on screen: the lookup command (the
// mirror's find; no store is asked), the window read anchored on the
// order, every Update in between and the View that shows it. The order is
// the oldest of a store, as far from the first window as an order gets.
// Target (issue 12): ≤ 50 ms at 100,000 orders.
func BenchmarkGotoMirrorHit(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, db := openBench(b, n)
			rows, err := db.Window(context.Background(), backend.Window{View: backend.View{Stores: []string{storage.FixtureStores[1]}, Asc: true}, After: 1})
			if err != nil || len(rows.Orders) == 0 {
				b.Fatalf("no oldest order: %v", err)
			}
			o := rows.Orders[0]
			want := "Order #" + backend.CleanLine(o.Ref())
			m := h.m
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				m.Update(keyPress(":"))
				for _, r := range o.Ref() {
					m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				}
				_, cmd := m.Update(keyPress("enter"))
				msgs := runNow(cmd)
				for i := 0; i < 8 && len(msgs) > 0; i++ {
					msgs = deliver(m, msgs)
				}
				if v := m.View().Content; !strings.Contains(ansi.Strip(v), want) {
					b.Fatalf("detail of %s not on screen:\n%s", want, ansi.Strip(v))
				}
				b.StopTimer()
				m.Update(keyPress("esc")) // close the detail for the next round
				b.StartTimer()
			}
			msPerOp(b)
		})
	}
}
