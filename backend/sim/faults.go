package sim

import (
	"strings"
	"sync"
	"time"
)

// Fault is a failure a simulated server can be told to produce.
type Fault string

const (
	FaultNone Fault = ""
	// Fault5xx answers 500 with the platform's own error body; the request
	// has no effect.
	Fault5xx Fault = "5xx"
	// Fault401 answers the platform's "bad credentials" response.
	Fault401 Fault = "401"
	// Fault429 answers 429 with the platform's body and a Retry-After header.
	Fault429 Fault = "429"
	// FaultMalformed answers 200 whose body is complete but not valid JSON.
	// The request itself takes effect, as when a proxy mangles the answer of
	// a store that did the work.
	FaultMalformed Fault = "malformed"
	// FaultTruncated answers 200 with the full Content-Length but closes the
	// connection halfway through the body. The request takes effect.
	FaultTruncated Fault = "truncated"
	// FaultHang reads the request and never answers, until the client gives
	// up or the server closes. The request has no effect.
	FaultHang Fault = "hang"
	// FaultHangAfterApply lets the request take effect (a write changes the
	// order), then never answers: a network break after the store applied it.
	FaultHangAfterApply Fault = "hang-after-apply"
)

// Faults decides which requests fail and how. It is safe for concurrent use
// and may be changed while the server runs.
type Faults struct {
	mu         sync.Mutex
	rules      map[string]*rule // by HTTP method; "" matches any method
	latency    time.Duration
	retryAfter int
}

type rule struct {
	fault Fault
	left  int // remaining requests; -1 = until Clear
}

// Set makes the next `times` requests (any method) fail with fault; times 0
// means every request until Clear. FaultNone removes the rule.
func (f *Faults) Set(fault Fault, times int) { f.SetFor("", fault, times) }

// SetFor is Set restricted to requests with the given HTTP method. A rule
// for a method is consulted before the any-method rule.
func (f *Faults) SetFor(method string, fault Fault, times int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	method = strings.ToUpper(method)
	if fault == FaultNone {
		delete(f.rules, method)
		return
	}
	if f.rules == nil {
		f.rules = map[string]*rule{}
	}
	left := times
	if times <= 0 {
		left = -1
	}
	f.rules[method] = &rule{fault: fault, left: left}
}

// SetLatency adds d before every answer (faulty or not); 0 removes it.
func (f *Faults) SetLatency(d time.Duration) {
	f.mu.Lock()
	f.latency = d
	f.mu.Unlock()
}

// SetRetryAfter sets the Retry-After seconds sent with Fault429 (default 1).
func (f *Faults) SetRetryAfter(seconds int) {
	f.mu.Lock()
	f.retryAfter = seconds
	f.mu.Unlock()
}

// Clear removes every rule and the latency.
func (f *Faults) Clear() {
	f.mu.Lock()
	f.rules = nil
	f.latency = 0
	f.mu.Unlock()
}

// Latency is the delay added before every answer.
func (f *Faults) Latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.latency
}

// RetryAfter is the Retry-After value, in seconds, of Fault429 answers.
func (f *Faults) RetryAfter() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.retryAfter <= 0 {
		return 1
	}
	return f.retryAfter
}

// Take decides the fault for one request with this method and uses up one
// of the rule's remaining requests.
func (f *Faults) Take(method string) Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, key := range [2]string{strings.ToUpper(method), ""} {
		r, ok := f.rules[key]
		if !ok {
			continue
		}
		if r.left > 0 {
			r.left--
			if r.left == 0 {
				delete(f.rules, key)
			}
		}
		return r.fault
	}
	return FaultNone
}
