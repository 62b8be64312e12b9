package api2cart

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
)

// httpx retries a failed write under its idempotency key and reports only
// the last attempt's error. If an earlier attempt reached the store and
// its answer was lost or ambiguous, the write may have applied even though
// the last attempt was, say, throttled: the outcome is unknown, and saying
// "failed" would invite the operator to send it again. The watcher sees
// every attempt of a write and remembers such a loss.

// attemptLog is carried in a write's context.
type attemptLog struct{ unknown atomic.Bool }

type attemptLogKey struct{}

// watcher wraps the transport; requests without an attemptLog pass through.
type watcher struct{ next http.RoundTripper }

func (w watcher) RoundTrip(req *http.Request) (*http.Response, error) {
	next := w.next
	if next == nil {
		next = http.DefaultTransport
	}
	log, _ := req.Context().Value(attemptLogKey{}).(*attemptLog)
	if log == nil {
		return next.RoundTrip(req)
	}
	var wrote atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	}))
	resp, err := next.RoundTrip(req)
	if err != nil {
		if wrote.Load() {
			log.unknown.Store(true) // sent, no answer
		}
		return nil, err
	}
	// Answers to writes are small; read this one to judge it, then hand
	// it on unchanged (a read error is handed on too).
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{rerr}))
	if rerr != nil || ambiguous(resp.StatusCode, body) {
		log.unknown.Store(true)
	}
	return resp, nil
}

// ambiguous reports an answer that does not say whether the write applied:
// a 5xx other than 503, or a 2xx whose body is unreadable or says return
// code 9. Other codes and 4xx pages are refusals: nothing was done.
func ambiguous(status int, body []byte) bool {
	switch {
	case status >= 500:
		return status != http.StatusServiceUnavailable
	case status < 200 || status >= 300:
		return false
	}
	code, _, err := readHead(body)
	return err != nil || code == codeInternal
}

// errReader ends a body with err (nil: a clean end).
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}
