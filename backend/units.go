package backend

import "math"

// AddUnits adds n units to count without wrapping round: a store can
// send any quantity (two lines of 2^63-1 would sum to -2), so the sum
// stops at math.MaxInt, and a negative quantity adds nothing.
func AddUnits(count, n int) int {
	if n <= 0 {
		return count
	}
	if count > math.MaxInt-n {
		return math.MaxInt
	}
	return count + n
}

// Units is the number of units ordered: ItemCount where the platform
// gave one, else the items' quantities added up with AddUnits.
func (o Order) Units() int {
	if o.ItemCount > 0 {
		return o.ItemCount
	}
	n := 0
	for _, it := range o.Items {
		n = AddUnits(n, it.Quantity)
	}
	return n
}
