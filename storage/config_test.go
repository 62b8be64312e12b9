package storage

import "testing"

func TestOperatorName(t *testing.T) {
	if got := OperatorName("  sam "); got != "sam" {
		t.Errorf("configured: %q", got)
	}
	if got := OperatorName(""); got == "" {
		t.Error("no fallback operator")
	}
}
