//go:build race

package backendtest

// The race detector makes generation ten times slower; the benchmarks
// (run without it) load 100k orders.
const bigStore = 20_000
