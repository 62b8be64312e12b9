package backend_test

import (
	"context"
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
