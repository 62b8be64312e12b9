package backend

import (
	"math"
	"testing"
)

func TestAddUnits(t *testing.T) {
	cases := []struct{ count, n, want int }{
		{0, 3, 3},
		{2, 5, 7},
		{4, 0, 4},
		{4, -9, 4}, // a negative quantity adds nothing
		{math.MaxInt, 1, math.MaxInt},
		{math.MaxInt - 1, math.MaxInt, math.MaxInt},
		{math.MaxInt, math.MaxInt, math.MaxInt}, // not -2
	}
	for _, c := range cases {
		if got := AddUnits(c.count, c.n); got != c.want {
			t.Errorf("AddUnits(%d, %d) = %d, want %d", c.count, c.n, got, c.want)
		}
	}
}

func TestOrderUnits(t *testing.T) {
	huge := []Item{{Quantity: math.MaxInt}, {Quantity: math.MaxInt}}
	cases := []struct {
		name string
		o    Order
		want int
	}{
		{"count given", Order{ItemCount: 5, Items: []Item{{Quantity: 1}}}, 5},
		{"items added up", Order{Items: []Item{{Quantity: 2}, {Quantity: 3}}}, 5},
		{"two items of MaxInt64 each", Order{Items: huge}, math.MaxInt},
		{"no items", Order{}, 0},
	}
	for _, c := range cases {
		if got := c.o.Units(); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
