//go:build !race

package memory

const bigStore = 100_000
