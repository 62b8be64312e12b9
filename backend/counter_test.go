package backend

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestCountEach(t *testing.T) {
	var running, most atomic.Int32
	release := make(chan struct{})
	statuses := []string{"a", "b", "c", "d", "e", "f", "g", "a", ""}
	done := make(chan struct{})
	var got map[string]int
	var err error
	go func() {
		defer close(done)
		got, err = CountEach(context.Background(), statuses, func(ctx context.Context, s string) (int, error) {
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			<-release
			running.Add(-1)
			return int(s[0] - 'a'), nil
		})
	}()
	close(release)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 || got["g"] != 6 || got["a"] != 0 {
		t.Errorf("counts %v", got)
	}
	if most.Load() > CountConcurrency {
		t.Errorf("%d counts ran at once, the limit is %d", most.Load(), CountConcurrency)
	}
}

func TestCountEachFails(t *testing.T) {
	boom := &Error{Kind: KindRateLimited, Message: "slow down"}
	got, err := CountEach(context.Background(), []string{"a", "b", "c"}, func(ctx context.Context, s string) (int, error) {
		if s == "b" {
			return 0, boom
		}
		return 1, nil
	})
	if got != nil || !errors.Is(err, ErrRateLimited) {
		t.Fatalf("counts %v, err %v", got, err)
	}
	if _, err := CountEach(context.Background(), []string{"a"}, func(context.Context, string) (int, error) { return -1, nil }); KindOf(err) != KindMalformed {
		t.Errorf("a negative count: %v", err)
	}
	many := make([]string, MaxCountStatuses+1)
	for i := range many {
		many[i] = string(rune('A' + i))
	}
	calls := 0
	if _, err := CountEach(context.Background(), many, func(context.Context, string) (int, error) { calls++; return 0, nil }); err == nil || calls != 0 {
		t.Errorf("%d statuses: err %v after %d calls", len(many), err, calls)
	}
}
