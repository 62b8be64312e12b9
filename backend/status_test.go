package backend

import (
	"strings"
	"testing"
)

func TestGuessKind(t *testing.T) {
	cases := map[string]StatusKind{
		"Pending": KindPending, "Open": KindPending, "New": KindPending, "Awaiting payment": KindPending,
		"Unpaid": KindPending, "Not paid": KindPending, "Incomplete": KindPending,
		"Processing": KindProcessing, "Processed": KindProcessing, "Paid": KindProcessing, "In Production": KindProcessing,
		"Unshipped": KindProcessing, "Ready to ship": KindProcessing, "Unfulfilled": KindProcessing, "Awaiting shipment": KindProcessing,
		"On Hold": KindOnHold, "Backordered": KindOnHold, "QC Query": KindOnHold, "Return in progress": KindOnHold,
		"Shipped": KindShipped, "Dispatched": KindShipped, "In transit": KindShipped,
		"Complete": KindCompleted, "Completed": KindCompleted, "Delivered": KindCompleted,
		"Cancelled": KindCancelled, "Canceled": KindCancelled, "Declined": KindCancelled, "Cancelled (unpaid)": KindCancelled,
		"Refunded": KindRefunded, "Return complete": KindRefunded, "Returned": KindRefunded,
		"Failed": KindFailed, "Payment failed": KindFailed,
		"Wat": KindOther, "": KindOther,
	}
	for name, want := range cases {
		if got := GuessKind(name); got != want {
			t.Errorf("GuessKind(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]StatusKind{"on_hold": KindOnHold, "On-Hold": KindOnHold, " SHIPPED ": KindShipped} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %s, %v", in, got, err)
		}
	}
	_, err := ParseKind("lost")
	if err == nil || !strings.Contains(err.Error(), "on_hold") {
		t.Errorf("error %v does not list the kinds", err)
	}
}

func TestKindMap(t *testing.T) {
	m := KindMap{"P": KindProcessing, "Shipped": KindShipped}
	cases := []struct {
		code string
		want StatusKind
	}{{"P", KindProcessing}, {"p", KindProcessing}, {"SHIPPED", KindShipped}, {"Z", KindOther}}
	for _, tc := range cases {
		if got := m.Kind(tc.code); got != tc.want {
			t.Errorf("Kind(%q) = %s", tc.code, got)
		}
	}
	w := m.With(map[string]StatusKind{"P": KindOnHold, "G": KindRefunded})
	if w.Kind("P") != KindOnHold || w.Kind("G") != KindRefunded || m.Kind("P") != KindProcessing || m.Kind("G") != KindOther {
		t.Errorf("With must not change the original: %v %v", m, w)
	}
}

func TestKindOverrides(t *testing.T) {
	c := StoreConfig{StatusKinds: map[string]string{"G": "on-hold", "X": "nonsense"}}
	got := c.KindOverrides()
	if len(got) != 1 || got["G"] != KindOnHold {
		t.Errorf("overrides %v", got)
	}
	if (StoreConfig{}).KindOverrides() != nil {
		t.Error("no overrides is nil")
	}
}

func TestFindStatus(t *testing.T) {
	ss := []Status{
		{Code: "P", Name: "Processed"}, {Code: "C", Name: "Complete"}, {Code: "p", Name: "Paid later"},
		{Code: "8", Name: "Dispatched"}, {Code: "Shipped", Name: "Shipped"}, {Code: "X", Name: "Ship"}, {Code: "Y", Name: "ship"},
	}
	cases := []struct {
		typed, want, err string
	}{
		{"P", "P", ""},
		{"p", "p", ""}, // an exact code wins over a case-insensitive one
		{" 8 ", "8", ""},
		{"complete", "C", ""},
		{"DISPATCHED", "8", ""},
		{"Shipped", "Shipped", ""},
		{"SHIP", "", "ambiguous"},
		{"Lost", "", `no status "Lost"; valid: 8 (Dispatched), C (Complete), P (Processed)`},
		{"", "", "no status"},
	}
	for _, tc := range cases {
		got, err := FindStatus(ss, tc.typed)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("FindStatus(%q): err %v, want %q", tc.typed, err, tc.err)
			}
			continue
		}
		if err != nil || got.Code != tc.want {
			t.Errorf("FindStatus(%q) = %q, %v; want %q", tc.typed, got.Code, err, tc.want)
		}
	}
}

func TestStatusLabel(t *testing.T) {
	if (Status{Code: "P"}).Label() != "P" || (Status{Code: "P", Name: "Processed"}).Label() != "Processed" {
		t.Error("Label")
	}
}
