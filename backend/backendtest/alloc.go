package backendtest

import "runtime"

// Allocated is how many bytes f allocates, all goroutines counted.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// AllocBound is the most a client may allocate to read an answer of n
// bytes: a small multiple of it, whatever the answer holds. The race
// detector empties sync.Pool at random, so encoding/json's pooled
// scanners and buffers are allocated afresh far more often under -race;
// its bound allows for that instead of failing on the tool.
func AllocBound(n int) uint64 {
	factor := uint64(8)
	if raceEnabled {
		factor = 12
	}
	return factor * uint64(n)
}
