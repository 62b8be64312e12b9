package main

import "sort"

// platformNames lists the registered platforms, sorted, for tests that
// check each has what it needs.
func platformNames() []string {
	names := make([]string, 0, len(platforms))
	for n := range platforms {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
