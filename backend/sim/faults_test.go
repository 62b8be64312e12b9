package sim

import "testing"

func TestFaultsTake(t *testing.T) {
	type call struct {
		method string
		want   Fault
	}
	tests := []struct {
		name  string
		setup func(f *Faults)
		calls []call
	}{
		{"none", func(*Faults) {}, []call{{"GET", FaultNone}}},
		{"counted", func(f *Faults) { f.Set(Fault5xx, 2) }, []call{{"GET", Fault5xx}, {"PUT", Fault5xx}, {"GET", FaultNone}}},
		{"until clear", func(f *Faults) { f.Set(Fault429, 0) }, []call{{"GET", Fault429}, {"GET", Fault429}, {"POST", Fault429}}},
		{"method only", func(f *Faults) { f.SetFor("put", FaultHang, 1) }, []call{{"GET", FaultNone}, {"PUT", FaultHang}, {"PUT", FaultNone}}},
		{"method before any", func(f *Faults) { f.Set(Fault401, 0); f.SetFor("POST", FaultMalformed, 1) },
			[]call{{"POST", FaultMalformed}, {"POST", Fault401}, {"GET", Fault401}}},
		{"none removes", func(f *Faults) { f.Set(Fault5xx, 0); f.Set(FaultNone, 0) }, []call{{"GET", FaultNone}}},
		{"replace", func(f *Faults) { f.Set(Fault5xx, 0); f.Set(FaultTruncated, 1) }, []call{{"GET", FaultTruncated}, {"GET", FaultNone}}},
		{"clear", func(f *Faults) { f.Set(Fault5xx, 0); f.SetFor("GET", Fault401, 0); f.Clear() }, []call{{"GET", FaultNone}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Faults{}
			tt.setup(f)
			for i, c := range tt.calls {
				if got := f.Take(c.method); got != c.want {
					t.Fatalf("call %d (%s): got %q, want %q", i, c.method, got, c.want)
				}
			}
		})
	}
}

func TestFaultsSettings(t *testing.T) {
	f := &Faults{}
	if f.RetryAfter() != 1 {
		t.Errorf("default Retry-After = %d, want 1", f.RetryAfter())
	}
	f.SetRetryAfter(7)
	f.SetLatency(5)
	if f.RetryAfter() != 7 || f.Latency() != 5 {
		t.Errorf("got retry %d latency %v", f.RetryAfter(), f.Latency())
	}
	f.Clear()
	if f.Latency() != 0 {
		t.Errorf("Clear left latency %v", f.Latency())
	}
}
