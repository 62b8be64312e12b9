package backend_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// catalogued adds statuses an operator cannot set, as Kornit X does.
type catalogued struct{ backend.Backend }

func (catalogued) KnownStatuses() []backend.Status {
	return []backend.Status{{Code: "N", Name: "Incomplete", Kind: backend.KindPending}, {Code: "O", Name: "Open", Kind: backend.KindPending}}
}

func TestCodesOfKinds(t *testing.T) {
	s := backendtest.New(backendtest.Config{Name: "A"}) // CS-Cart-like statuses
	tests := []struct {
		b     backend.Backend
		kinds []backend.StatusKind
		want  string
	}{
		{s, []backend.StatusKind{backend.KindPending}, "O"},
		{s, []backend.StatusKind{backend.KindOnHold}, "A B"},
		{s, []backend.StatusKind{backend.KindPending, backend.KindProcessing}, "O P"},
		{s, []backend.StatusKind{backend.KindOther}, ""},
		{catalogued{s}, []backend.StatusKind{backend.KindPending}, "O N"},
		{wrapped{catalogued{s}}, []backend.StatusKind{backend.KindPending}, "O N"},
	}
	for _, tt := range tests {
		got, err := backend.CodesOfKinds(context.Background(), tt.b, tt.kinds)
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("CodesOfKinds(%T, %v) = %v, %v; want %q", tt.b, tt.kinds, got, err, tt.want)
		}
	}
}

func TestByLifecycle(t *testing.T) {
	st := func(code string, k backend.StatusKind) backend.Status {
		return backend.Status{Code: code, Name: code, Kind: k}
	}
	tests := []struct {
		name string
		in   []backend.Status
		want string
	}{
		{"api2cart's own order", []backend.Status{st("Processing", backend.KindProcessing), st("Shipped", backend.KindShipped),
			st("Canceled", backend.KindCancelled), st("Complete", backend.KindCompleted), st("Pending", backend.KindPending),
			st("OnHold", backend.KindOnHold), st("Refunded", backend.KindRefunded)},
			"Pending Processing OnHold Shipped Complete Canceled Refunded"},
		{"one kind keeps the platform's order", []backend.Status{st("B", backend.KindOnHold), st("O", backend.KindPending), st("A", backend.KindOnHold)},
			"O B A"},
		{"other and unknown kinds last", []backend.Status{st("X", backend.KindOther), st("Y", "weird"), st("F", backend.KindFailed), st("P", backend.KindPending)},
			"P F X Y"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		var codes []string
		for _, s := range backend.ByLifecycle(tt.in) {
			codes = append(codes, s.Code)
		}
		if got := strings.Join(codes, " "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("%s: the input was changed", tt.name)
		}
	}
}
