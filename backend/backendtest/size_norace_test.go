//go:build !race

package backendtest

const bigStore = 100_000
