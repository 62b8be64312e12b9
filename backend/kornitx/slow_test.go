package kornitx

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowHeader marks the test's slow requests, so the test can tell when
// the server has them all in hand.
const slowHeader = "X-Test-Slow"

// slowServer serves rc as Serve does (the same http.Server), on loopback,
// and reports each slow request that reaches the handler on entered.
func slowServer(t testing.TB, rc *Receiver) (addr string, entered <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := rc.server(context.Background())
	in := make(chan struct{}, 1024)
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(slowHeader) != "" {
			in <- struct{}{}
		}
		rc.ServeHTTP(w, r)
	})
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), in
}

// trickle opens a raw connection and writes head at once, then one byte
// of tail every interval until stop is closed or the server cuts it. It
// returns the connection for reading the server's answer.
func trickle(t testing.TB, addr, head string, interval time.Duration, stop <-chan struct{}, wg *sync.WaitGroup) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if _, err := c.Write([]byte{' '}); err != nil {
				return // cut by the server
			}
		}
	}()
	return c
}

// slowBodyHead is a push whose headers arrive whole and whose body (of
// 100000 bytes, unsigned) has only begun.
func slowBodyHead() string {
	return "POST / HTTP/1.1\r\nHost: receiver\r\nContent-Type: application/json\r\n" +
		slowHeader + ": 1\r\nContent-Length: 100000\r\n\r\n{"
}

// slowHeaderHead is a request whose headers never end (slowloris).
const slowHeaderHead = "POST / HTTP/1.1\r\nHost: receiver\r\nX-Padding: "

func pushTo(ctx context.Context, hc *http.Client, addr string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set(HMACHeader, Sign(body, testHMAC, "hex"))
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Senders that trickle their bodies, however many, hold no in-flight
// place: while 50 of them (more than max_in_flight) are connected and
// being read, every signed push is saved.
func TestReceiverSlowBodiesBlockNothing(t *testing.T) {
	store := NewMemStore()
	rc, _ := newReceiver(t, receiverConfig(), store)
	rc.headerTimeout, rc.bodyTimeout = time.Hour, time.Hour // the slow senders stay connected throughout
	addr, entered := slowServer(t, rc)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(stop)
	const slow = 50
	for range slow {
		trickle(t, addr, slowBodyHead(), 20*time.Millisecond, stop, &wg)
	}
	for range slow {
		<-entered // every slow sender is in the handler, reading its body
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: time.Minute}
	defer hc.CloseIdleConnections()
	const pushes = 40
	codes := make(chan int, pushes)
	sem := make(chan struct{}, 4)
	var pw sync.WaitGroup
	for i := range pushes {
		pw.Add(1)
		sem <- struct{}{}
		go func() {
			defer pw.Done()
			defer func() { <-sem }()
			code, err := pushTo(context.Background(), hc, addr, pushBody(9000+i, ""))
			if err != nil {
				t.Error(err)
			}
			codes <- code
		}()
	}
	pw.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Fatalf("a signed push beside %d slow senders got %d", slow, c)
		}
	}
	if n := store.Len(testStore); n != pushes {
		t.Fatalf("%d orders saved, want %d", n, pushes)
	}
	if b := rc.Stats().Busy.Load(); b != 0 {
		t.Fatalf("busy = %d", b)
	}
}

// A sender too slow is cut: a body that has not arrived within the body
// timeout is answered 408 and its connection closed; headers that have
// not within the header timeout get the connection closed.
func TestReceiverCutsSlowSenders(t *testing.T) {
	const short, long = 100 * time.Millisecond, time.Hour
	tests := []struct {
		name                       string
		head                       string
		headerTimeout, bodyTimeout time.Duration
		status                     string // the answer's status line; "" none
	}{
		{"slow body", slowBodyHead(), long, short, "408"},
		{"slow headers", slowHeaderHead, short, long, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, logs := newReceiver(t, receiverConfig(), NewMemStore())
			rc.headerTimeout, rc.bodyTimeout = tt.headerTimeout, tt.bodyTimeout
			addr, _ := slowServer(t, rc)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			defer wg.Wait()
			defer close(stop)
			c := trickle(t, addr, tt.head, 10*time.Millisecond, stop, &wg)
			// Only a server that never cuts it would make this wait count.
			c.SetReadDeadline(time.Now().Add(time.Minute))
			got, err := io.ReadAll(bufio.NewReader(c))
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the server never cut the slow sender")
			}
			// io.ReadAll returning is the connection closed (EOF, or a
			// reset when the server closed with bytes unread).
			line, _, _ := strings.Cut(string(got), "\r\n")
			switch {
			case tt.status == "" && len(got) > 0:
				t.Fatalf("answered %q", line)
			case tt.status != "" && !strings.HasPrefix(line, "HTTP/1.1 "+tt.status):
				t.Fatalf("answered %q, want %s", line, tt.status)
			}
			if tt.status != "" {
				if rc.Stats().SlowBody.Load() != 1 || !strings.Contains(logs.String(), `"result":"slow body"`) {
					t.Fatalf("slow body not counted or logged: %d %s", rc.Stats().SlowBody.Load(), logs)
				}
			}
		})
	}
}

// BenchmarkReceiverBesideSlowSenders measures signed pushes while 50
// senders trickle their bodies and 50 their headers: the pushes served,
// and their p50 and p99 latency.
func BenchmarkReceiverBesideSlowSenders(b *testing.B) {
	rc, _ := newReceiver(b, receiverConfig(), NewMemStore())
	addr, _ := slowServer(b, rc)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 50 {
		trickle(b, addr, slowBodyHead(), 20*time.Millisecond, stop, &wg)
		trickle(b, addr, slowHeaderHead, 20*time.Millisecond, stop, &wg)
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: time.Minute}
	var lat []time.Duration
	ok, n := 0, 0
	for b.Loop() {
		n++
		start := time.Now()
		code, err := pushTo(context.Background(), hc, addr, pushBody(n, ""))
		if err == nil && code == http.StatusOK {
			ok++
			lat = append(lat, time.Since(start))
		}
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	hc.CloseIdleConnections()
	if len(lat) == 0 {
		b.Fatalf("none of %d pushes served", n)
	}
	p50, p99 := percentile(lat, 50), percentile(lat, 99)
	b.ReportMetric(float64(ok)/float64(n)*100, "%served")
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.Logf("%d of %d pushes served; p50 %s, p99 %s", ok, n, p50, p99)
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}
