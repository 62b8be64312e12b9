package sim

import (
	"math/rand/v2"
	"time"
)

// Weighted is one choice for Pick: Value, taken Weight times in every
// sum of the weights.
type Weighted[T any] struct {
	Weight int
	Value  T
}

// Pick chooses the Value of one of choices by weight, drawing one number
// from r. The simulators pick the status path of a generated order with
// it, so the same seed walks the same paths.
func Pick[T any](r *rand.Rand, choices []Weighted[T]) T {
	total := 0
	for _, c := range choices {
		total += c.Weight
	}
	k := r.IntN(total)
	for _, c := range choices {
		if k < c.Weight {
			return c.Value
		}
		k -= c.Weight
	}
	panic("sim: Pick: weights changed while picking") // k < total
}

// Later is a step of a generated order's history: at plus a delay drawn
// from min to max, in whole seconds.
func Later(r *rand.Rand, at time.Time, min, max time.Duration) time.Time {
	return at.Add(min + time.Duration(r.Int64N(int64(max-min)+1))).Truncate(time.Second)
}
