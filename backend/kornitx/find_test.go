package kornitx

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

func TestFind(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, store := simClient(t, srv)
	ctx := context.Background()
	first := srv.Backlog()[0]
	id := strconv.FormatInt(first.ID, 10)

	// The same order split to a second fulfiller id: one external_ref,
	// two Kornit X ids.
	split := first
	split.ID, split.Ref = first.ID+900_000, "CG99999999"
	raw, _ := json.Marshal(split)
	p, err := ParsePush(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SavePush(ctx, testStore, p.Order(testStore, "GBP", time.UTC, defaultKinds), raw, time.Now()); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		text string
		want []string
	}{
		{id, []string{id}},
		{first.Ref, []string{id}},
		{strings.ToLower(first.Ref), []string{id}},
		{first.ExternalRef, []string{id, split.Ref}},                          // "#10400"
		{strings.TrimPrefix(first.ExternalRef, "#"), []string{id, split.Ref}}, // as a scanner reads it
		{first.Ref[:len(first.Ref)-1], nil},                                   // a prefix: the search matches, the lookup does not
		{"zz top", nil},
		{"999999999", nil},
	}
	for _, tt := range tests {
		got, err := backend.Find(ctx, c, tt.text)
		if err != nil {
			t.Errorf("Find(%q): %v", tt.text, err)
			continue
		}
		var refs []string
		for _, o := range got {
			r := o.ID
			if o.ID != id {
				r = o.Number
			}
			refs = append(refs, r)
			if o.Store != testStore || o.History == nil {
				t.Errorf("Find(%q): order %s is not the full order of its store", tt.text, o.ID)
			}
		}
		if strings.Join(refs, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Find(%q) = %v, want %v", tt.text, refs, tt.want)
		}
	}
	if got, _ := backend.Find(ctx, c, first.Ref); len(got) == 1 && got[0].Number != first.Ref {
		t.Errorf("a Kornit X order's number is %q, want its ref %q", got[0].Number, first.Ref)
	}
}

// A change that fails names the order by the number people see.
func TestSetStatusErrorNamesTheNumber(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	first := srv.Backlog()[0]
	ch := change(strconv.FormatInt(first.ID, 10), "8", "")
	ch.Number = first.Ref
	srv.Faults().Set(sim.Fault401, 0)
	_, err := c.SetStatus(context.Background(), ch)
	if err == nil || !strings.Contains(err.Error(), "set status of "+first.Ref) {
		t.Fatalf("error %v does not name order %s", err, first.Ref)
	}
}
