package ui

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// opener records the links `w` hands the browser, or fails like a
// session with no display; no test starts a browser.
type opener struct {
	mu    sync.Mutex
	links []string
	err   error
}

func (o *opener) open(_ context.Context, link string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.links = append(o.links, link)
	return o.err
}

func TestOpenAdmin(t *testing.T) {
	const tmpl = "https://shop.example/admin.php?dispatch=orders.details&order_id={id}"
	setup := func(t *testing.T, op *opener, keys KeyBindings) *harness {
		o := opts(cscartLike("Cart", 20, 1), lunasoftLike("Luna", 5, 2))
		o.AdminURLs = map[string]string{"Cart": tmpl}
		o.OpenURL = op.open
		o.Keys = keys
		h := newHarness(t, o, 160, 40)
		h.press("2") // the Cart tab
		return h
	}

	t.Run("opens", func(t *testing.T) {
		op := &opener{}
		h := setup(t, op, nil)
		id := h.selected().key.id
		h.press("w")
		want := "https://shop.example/admin.php?dispatch=orders.details&order_id=" + id
		if len(op.links) != 1 || op.links[0] != want {
			t.Fatalf("opened %q, want %q", op.links, want)
		}
		h.mustSee("opened in the browser")
	})

	t.Run("no browser: the link is shown", func(t *testing.T) {
		op := &opener{err: errors.New("no browser here")}
		h := setup(t, op, nil)
		id := h.selected().key.id
		h.press("w")
		link := "https://shop.example/admin.php?dispatch=orders.details&order_id=" + id
		h.mustSee("open " + link + " (copied; no browser: no browser here)")
		if !h.copied(link) {
			t.Errorf("the link was not copied to the clipboard")
		}
		// At 80 columns the link leads the status bar, whole.
		h.send(windowSize(80, 24))
		h.mustSee(link)
	})

	t.Run("rebound", func(t *testing.T) {
		op := &opener{}
		h := setup(t, op, KeyBindings{"open_admin": {"ctrl+o"}})
		h.press("w")
		if len(op.links) != 0 {
			t.Fatalf("w still opens the admin after open_admin was rebound")
		}
		h.press("ctrl+o")
		if len(op.links) != 1 {
			t.Fatalf("ctrl+o did not open the admin: %q", op.links)
		}
	})

	t.Run("store without admin_url", func(t *testing.T) {
		op := &opener{}
		h := setup(t, op, nil)
		h.press("3") // Luna
		h.press("w")
		if len(op.links) != 0 {
			t.Fatalf("opened %q for a store without admin_url", op.links)
		}
		h.mustSee("Luna has no admin_url")
	})
}
