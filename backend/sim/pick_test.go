package sim

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestPick(t *testing.T) {
	choices := []Weighted[string]{{Weight: 3, Value: "a"}, {Weight: 0, Value: "never"}, {Weight: 1, Value: "b"}}
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]int{}
	for range 4000 {
		seen[Pick(r, choices)]++
	}
	if seen["never"] != 0 {
		t.Errorf("a zero weight was picked %d times", seen["never"])
	}
	if a, b := seen["a"], seen["b"]; a < 2700 || a > 3300 || a+b != 4000 {
		t.Errorf("picks %v: want about 3000 a and 1000 b", seen)
	}
	// One draw per pick, so a seed gives the same sequence.
	r1, r2 := rand.New(rand.NewPCG(7, 7)), rand.New(rand.NewPCG(7, 7))
	for range 100 {
		if Pick(r1, choices) != Pick(r2, choices) {
			t.Fatal("the same seed picked differently")
		}
	}
}

func TestLater(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		got := Later(r, at, time.Hour, 2*time.Hour)
		if d := got.Sub(at); d < time.Hour || d > 2*time.Hour || got.Nanosecond() != 0 {
			t.Fatalf("Later = %v, want 1h to 2h after %v in whole seconds", got, at)
		}
	}
	if got := Later(r, at, 0, 0); !got.Equal(at) {
		t.Errorf("Later with no delay = %v", got)
	}
}
