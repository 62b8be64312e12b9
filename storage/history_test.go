package storage

import (
	"reflect"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestMergeHistory(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	st := func(code string) backend.Status { return backend.Status{Code: code, Name: code} }
	plat := func(at time.Duration, code, note string) backend.Event {
		return backend.Event{At: t0.Add(at), Status: st(code), Note: note, Source: backend.SourcePlatform}
	}
	local := func(at time.Duration, code, note string) backend.Event {
		return backend.Event{At: t0.Add(at), Status: st(code), Note: note, Source: backend.SourceLocal, Actor: "sam", Tracking: "1Z"}
	}
	merged := func(e backend.Event) backend.Event { e.Actor, e.Tracking = "sam", "1Z"; return e }
	tests := []struct {
		name            string
		platform, local []backend.Event
		want            []backend.Event
	}{
		{"nothing loaded", nil, nil, nil},
		{"loaded, none", []backend.Event{}, nil, []backend.Event{}},
		{"local only (CS-Cart)", nil, []backend.Event{local(0, "C", "")}, []backend.Event{local(0, "C", "")}},
		{"same change: platform entry kept, actor filled",
			[]backend.Event{plat(time.Minute, "Shipped", "Tracking #1Z"), plat(-time.Hour, "Pending", "")},
			[]backend.Event{local(0, "shipped", "")},
			[]backend.Event{merged(plat(time.Minute, "Shipped", "Tracking #1Z")), plat(-time.Hour, "Pending", "")}},
		{"too far apart: both shown",
			[]backend.Event{plat(time.Hour, "Shipped", "")},
			[]backend.Event{local(0, "Shipped", "")},
			[]backend.Event{plat(time.Hour, "Shipped", ""), local(0, "Shipped", "")}},
		{"different notes: both shown",
			[]backend.Event{plat(0, "Shipped", "late")},
			[]backend.Event{local(0, "Shipped", "boxed")},
			[]backend.Event{plat(0, "Shipped", "late"), local(0, "Shipped", "boxed")}},
		{"different status: both shown, newest first",
			[]backend.Event{plat(time.Second, "Complete", "")},
			[]backend.Event{local(2*time.Second, "Shipped", "")},
			[]backend.Event{local(2*time.Second, "Shipped", ""), plat(time.Second, "Complete", "")}},
		{"applied twice on the platform: both platform entries stay",
			[]backend.Event{plat(2*time.Second, "Shipped", ""), plat(time.Second, "Shipped", "")},
			[]backend.Event{local(0, "Shipped", "")},
			[]backend.Event{plat(2*time.Second, "Shipped", ""), merged(plat(time.Second, "Shipped", ""))}},
		{"each local entry takes the closest free one",
			[]backend.Event{plat(10*time.Minute, "Shipped", ""), plat(0, "Shipped", "")},
			[]backend.Event{local(9*time.Minute, "Shipped", ""), local(time.Minute, "Shipped", "")},
			[]backend.Event{merged(plat(10*time.Minute, "Shipped", "")), merged(plat(0, "Shipped", ""))}},
		{"platform actor kept",
			[]backend.Event{{At: t0, Status: st("C"), Actor: "admin", Source: backend.SourcePlatform}},
			[]backend.Event{local(0, "C", "")},
			[]backend.Event{{At: t0, Status: st("C"), Actor: "admin", Tracking: "1Z", Source: backend.SourcePlatform}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MergeHistory(tt.platform, tt.local)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}
