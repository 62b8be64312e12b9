package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

// teamSim is a simulated Kornit X for a team's end-to-end test.
func teamSim(t *testing.T) *kornitxsim.Server {
	t.Helper()
	srv, err := kornitxsim.Start(kornitxsim.Options{RefID: "850135", APIKey: kxKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// pushAsKornitX pushes o as Kornit X does: a busy receiver (503) is
// pushed again shortly.
func pushAsKornitX(ctx context.Context, p *kornitxsim.Pusher, o kornitxsim.Order) error {
	for {
		err := p.Push(ctx, o)
		var pe *kornitxsim.PushError
		if !errors.As(err, &pe) || pe.Status != http.StatusServiceUnavailable {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("still busy: %w", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Two receivers on one schema: the same push given to both stores one
// order, a repeated push updates it, and pushes split across both (and
// doubled, as Kornit X retries) leave no duplicate.
func TestE2ETwoReceivers(t *testing.T) {
	url := teamURL(t, "")
	srv := teamSim(t)
	n1, n2 := newNode(t, "recv-a", url, srv), newNode(t, "recv-b", url, srv)
	p1 := &kornitxsim.Pusher{URL: n1.receiver(), HMACKey: kxHMAC}
	p2 := &kornitxsim.Pusher{URL: n2.receiver(), HMACKey: kxHMAC}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	o, err := srv.NewOrder()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*kornitxsim.Pusher{p1, p2} {
		if err := p.Push(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	rows := n1.listKX()
	if len(rows) != 1 || rows[0]["id"] != fmt.Sprint(o.ID) {
		t.Fatalf("one push to both receivers: the inbox holds %v", rows)
	}
	o.CustomerName, o.BillingCustomerName = "Renamed Customer", "Renamed Customer"
	if err := p2.Push(ctx, o); err != nil {
		t.Fatal(err)
	}
	rows = n2.listKX()
	if len(rows) != 1 {
		t.Fatalf("a repeated push: the inbox holds %d orders", len(rows))
	}
	if cu, _ := rows[0]["customer"].(map[string]any); cu["name"] != "Renamed Customer" {
		t.Errorf("a repeated push did not update the order: customer %v", rows[0]["customer"])
	}

	// 30 orders, each pushed to both receivers at once, half of them
	// first to one, half first to the other.
	const n = 30
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := 0; i < n; i++ {
		o, err := srv.NewOrder()
		if err != nil {
			t.Fatal(err)
		}
		first, second := p1, p2
		if i%2 == 1 {
			first, second = p2, p1
		}
		for _, p := range []*kornitxsim.Pusher{first, second} {
			wg.Add(1)
			go func(p *kornitxsim.Pusher) {
				defer wg.Done()
				errs <- pushAsKornitX(ctx, p, o)
			}(p)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	rows = n1.listKX()
	seen := map[any]int{}
	for _, r := range rows {
		seen[r["id"]]++
	}
	if len(rows) != n+1 || len(seen) != n+1 {
		t.Fatalf("%d pushes of %d orders through two receivers: %d rows, %d distinct ids (want %d of each)", 2*n, n, len(rows), len(seen), n+1)
	}
}

// newTeam starts a schema, a simulated Kornit X, a receiver, and pushes n
// new orders through it; it returns the nodes' factory and the orders.
type e2eTeam struct {
	t      *testing.T
	url    string
	srv    *kornitxsim.Server
	push   *kornitxsim.Pusher
	orders []kornitxsim.Order
	// storage are further [storage] lines of every node's config.
	storage []string
}

func newTeam(t *testing.T, n int) *e2eTeam {
	t.Helper()
	return newTeamOn(t, teamURL(t, ""), n)
}

// newTeamOn is newTeam on the database at url.
func newTeamOn(t *testing.T, url string, n int) *e2eTeam {
	t.Helper()
	tm := &e2eTeam{t: t, url: url, srv: teamSim(t)}
	recv := newNode(t, "recv", tm.url, tm.srv)
	tm.push = &kornitxsim.Pusher{URL: recv.receiver(), HMACKey: kxHMAC}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i := 0; i < n; i++ {
		o, err := tm.srv.NewOrder()
		if err != nil {
			t.Fatal(err)
		}
		if err := pushAsKornitX(ctx, tm.push, o); err != nil {
			t.Fatal(err)
		}
		tm.orders = append(tm.orders, o)
	}
	return tm
}

func (tm *e2eTeam) node(operator string) *e2eNode {
	return newNode(tm.t, operator, tm.url, tm.srv, tm.storage...)
}

// putsFor counts the PUTs Kornit X received for an order: its writes.
func (tm *e2eTeam) putsFor(id int64) int {
	n := 0
	for _, p := range tm.srv.Puts() {
		if p.OrderID == fmt.Sprint(id) {
			n++
		}
	}
	return n
}

// gotoOrder moves a dashboard's cursor to an order (`:` and its id), and
// waits for the lookup's end: keys typed while it runs are dropped (as
// an operator is told), so the next ones must wait as an operator does.
func (d *dashboard) gotoOrder(id int64) {
	d.x.t.Helper()
	const prompt = "enter go · ctrl+s scan mode"
	d.keys(":")
	d.text(fmt.Sprint(id))
	d.see(10*time.Second, prompt, fmt.Sprint(id))
	d.keys("Enter")
	d.waitFor("the lookup's end", 10*time.Second, func(s string) bool {
		return !strings.Contains(s, prompt) && !strings.Contains(s, "looking up")
	})
}

// Two dashboards as real processes: ann dispatches an order (picker,
// status, tracking, confirm) and bob's open dashboard shows its new status
// and the timeline entry; ann holding the picker open on an order, bob's
// picker on it is refused.
func TestE2ETwoDashboards(t *testing.T) {
	tm := newTeam(t, 6)
	x := newTmux(t)
	a := x.dashboard(tm.node("ann"), "ann")
	b := x.dashboard(tm.node("bob"), "bob")
	o, o2 := tm.orders[0], tm.orders[1]
	a.see(30*time.Second, o.Ref)
	b.see(30*time.Second, o.Ref)

	b.gotoOrder(o.ID) // opens the detail pane, with the timeline
	b.see(10*time.Second, "Order #"+o.Ref, "Kornit X push")

	a.gotoOrder(o.ID)
	a.dispatch("1Z999AA10123456784")
	sa := a.see(15*time.Second, "is now Dispatched")
	if n := tm.putsFor(o.ID); n != 1 {
		t.Fatalf("Kornit X received %d PUTs for the order, want 1 (PUTs: %+v); ann's screen:\n%s", n, tm.srv.Puts(), sa)
	}
	// The row and the timeline entry, in bob's open dashboard.
	b.see(5*time.Second, "➜ Dispatc")
	entry := []string{"➜ Dispatched  local · not notified · ann", "tracking 1Z999AA10123456784"}
	if !b.seeSoon(5*time.Second, entry...) {
		t.Fatalf("bob's open detail lacks ann's entry %q:\n%s", entry, b.screen())
	}

	// ann holds the picker open on o2; bob is refused.
	a.gotoOrder(o2.ID)
	a.see(10*time.Second, "Order #"+o2.Ref)
	a.keys("s")
	a.see(10*time.Second, "Dispatched")
	b.gotoOrder(o2.ID)
	b.see(10*time.Second, "Order #"+o2.Ref, "✎ ann")
	b.keys("s")
	b.see(10*time.Second, "Take it over?", "ann is changing #"+o2.Ref)
	b.keys("Enter") // No, the default
	b.see(10*time.Second, "ann is changing #"+o2.Ref+": left to them")
	a.keys("Escape") // the picker closes: the claim is let go
	b.waitFor("ann's claim let go", 10*time.Second, func(s string) bool { return !strings.Contains(s, "✎ ann") })

	// Both bulk-change one filtered set (the orders whose text has
	// "CG31", all six): each order changes once on the store; o, already
	// dispatched (final), is skipped by both.
	set := tm.orders[1:]
	for _, d := range []*dashboard{a, b} {
		d.keys("Escape", "/")
		d.text("CG31")
		d.keys("Enter")
		d.see(10*time.Second, fmt.Sprintf("%d matching", len(tm.orders)))
	}
	a.keys("a")
	b.keys("a")
	a.keys("s")
	b.keys("s")
	// Each picker claims the marked orders at once: one may get them all
	// (the other's picker then closes: refused), or they split them.
	const refused = "others are changing all of these orders"
	const split = "left out: others are changing them"
	var open []*dashboard
	deadline := time.Now().Add(15 * time.Second)
	for open == nil {
		sa, sb := a.screen(), b.screen()
		switch {
		case strings.Contains(sa, refused):
			open = []*dashboard{b}
		case strings.Contains(sb, refused):
			open = []*dashboard{a}
		case strings.Contains(sa, split) && strings.Contains(sb, split):
			open = []*dashboard{a, b}
		case time.Now().After(deadline):
			t.Fatalf("the two pickers' claims never settled:\nann:\n%s\nbob:\n%s", sa, sb)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, d := range open {
		d.text("On Hold")
		d.keys("Enter")
		d.see(10*time.Second, "Change status?")
		d.keys("y")
	}
	done := regexp.MustCompile(`(\d+) of (\d+) done`)
	for _, d := range open {
		d.waitFor("the bulk report's end", 20*time.Second, func(s string) bool {
			m := done.FindStringSubmatch(s)
			return m != nil && m[1] == m[2]
		})
	}
	if n := tm.srv.Writes(o.ID); n != 1 {
		t.Errorf("the dispatched order changed %d times on Kornit X, want once", n)
	}
	for _, so := range set {
		if n := tm.srv.Writes(so.ID); n != 1 {
			t.Errorf("order %s changed %d times on Kornit X, want once", so.Ref, n)
		}
		if st, _ := tm.srv.Order(so.ID); st.Status != 256 {
			t.Errorf("order %s is %d on Kornit X, want 256 (On Hold)", so.Ref, st.Status)
		}
	}
}

// ann's dashboard is killed (SIGKILL) while Kornit X holds its write (it
// applies it and never answers); once the change's lease lapses, bob's
// `orderdash journal reconcile` settles it: the order changed once on
// Kornit X, and the journal shows the change confirmed.
func TestE2EKilledMidSend(t *testing.T) {
	tm := newTeam(t, 1)
	// The shortest lease a team may set: the change is settled 5 s after
	// ann's dashboard died, not the default 30.
	tm.storage = []string{`lease = "5s"`}
	o := tm.orders[0]
	x := newTmux(t)
	a := x.dashboard(tm.node("ann"), "ann")
	bob := tm.node("bob")
	a.see(30*time.Second, o.Ref)
	a.gotoOrder(o.ID)
	a.see(10*time.Second, "Order #"+o.Ref)
	tm.srv.Faults().SetFor(http.MethodPut, sim.FaultHangAfterApply, 1)
	a.dispatch("1Z999AA10123456784")
	// Killed while the PUT is out (the store has applied it; the answer
	// never comes).
	deadline := time.Now().Add(10 * time.Second)
	for tm.putsFor(o.ID) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("Kornit X never received the PUT; ann's screen:\n%s", a.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(a.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	entries := func() []map[string]any {
		r := bob.run("journal", "--json")
		mustCode(t, r, 0)
		return decodeJSON[[]map[string]any](t, r.stdout)
	}
	if es := entries(); len(es) != 1 || es[0]["state"] != "sent" {
		t.Fatalf("after the kill, the journal holds %v; want one sent change", es)
	}
	// The lease lapses 5 s after its holder died ([storage] lease): until
	// then reconcile leaves the change to it.
	deadline = time.Now().Add(30 * time.Second)
	for {
		r := bob.run("journal", "reconcile", "--store", "KX")
		es := entries()
		if len(es) == 1 && es[0]["state"] == "confirmed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the change was never settled: %v\nlast reconcile: %s", es, r)
		}
		time.Sleep(time.Second)
	}
	if n := tm.srv.Writes(o.ID); n != 1 {
		t.Errorf("the order changed %d times on Kornit X, want once", n)
	}
	if st, _ := tm.srv.Order(o.ID); st.Status != 8 || st.Tracking != "1Z999AA10123456784" {
		t.Errorf("Kornit X shows %+v, want dispatched with the tracking number", st)
	}
	t.Logf("PUTs: %d (a resend of an idempotent PUT changes nothing)", tm.putsFor(o.ID))
}
