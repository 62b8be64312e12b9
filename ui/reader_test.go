package ui

import (
	"context"
	"testing"
)

// A read overtaken by a newer one (a filter keystroke, a jump) is
// cancelled rather than left to run: a rare text can read much of the
// mirror, and keystrokes would queue such reads behind each other.
func TestReaderCancelsTheReadItReplaces(t *testing.T) {
	var r reader
	first := r.start(context.Background(), 1)
	second := r.start(context.Background(), 2)
	if first.Err() == nil {
		t.Error("the overtaken read goes on")
	}
	if second.Err() != nil || r.req != 2 || !r.busy() {
		t.Errorf("the new read: err %v, req %d", second.Err(), r.req)
	}
	r.req = 0
	r.stop()
	if second.Err() == nil {
		t.Error("a finished read's context is still registered on the model's")
	}
	r.stop() // twice is harmless
}
