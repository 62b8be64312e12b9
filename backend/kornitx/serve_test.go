package kornitx

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func startServe(t *testing.T, rc *Receiver, opt ServeOptions) (addr string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	opt.Ready = func(a net.Addr) { ready <- a }
	done := make(chan error, 1)
	go func() { done <- rc.ListenAndServe(ctx, "127.0.0.1:0", opt) }()
	select {
	case a := <-ready:
		addr = a.String()
	case err := <-done:
		cancel()
		t.Fatal(err)
	}
	var stopped bool
	var stopErr error
	stop = func() error {
		if !stopped {
			stopped = true
			cancel()
			stopErr = <-done
		}
		return stopErr
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

func TestServeShutsDownGracefully(t *testing.T) {
	slow := slowStore{NewMemStore(), make(chan struct{}, 1), make(chan struct{})}
	rc, _ := newReceiver(t, receiverConfig(), slow)
	addr, stop := startServe(t, rc, ServeOptions{})
	body := pushBody(42, "")
	codes := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", bytes.NewReader(body))
		req.Header.Set(HMACHeader, Sign(body, testHMAC, "hex"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			codes <- -1
			return
		}
		resp.Body.Close()
		codes <- resp.StatusCode
	}()
	<-slow.entered // the push is being saved
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	// Shutdown closes the listener first; wait for that (without a fixed
	// sleep, which a loaded machine can outrun) while the push is held.
	refused := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("the server still takes connections while shutting down")
	}
	close(slow.release)
	if c := <-codes; c != 200 {
		t.Fatalf("the push in flight got %d", c)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if slow.Len(testStore) != 1 {
		t.Fatal("the push in flight was lost")
	}
}

func TestServeTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	rc, _ := newReceiver(t, receiverConfig(), NewMemStore())
	addr, _ := startServe(t, rc, ServeOptions{TLSCert: certFile, TLSKey: keyFile})
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	body := pushBody(9, "")
	req, _ := http.NewRequest(http.MethodPost, "https://"+addr+"/", bytes.NewReader(body))
	req.Header.Set(HMACHeader, Sign(body, testHMAC, "hex"))
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if _, err := http.Post("http://"+addr+"/", "application/json", bytes.NewReader(body)); err == nil {
		t.Log("plain HTTP to the TLS port got an answer (the TLS server answers 400)")
	}
}

func TestServeBadTLSFiles(t *testing.T) {
	rc, _ := newReceiver(t, receiverConfig(), NewMemStore())
	err := rc.ListenAndServe(context.Background(), "127.0.0.1:0", ServeOptions{TLSCert: "/nonexistent.pem", TLSKey: "/nonexistent.key"})
	if err == nil {
		t.Fatal("missing TLS files were accepted")
	}
	if err := rc.ListenAndServe(context.Background(), "256.0.0.1:1", ServeOptions{}); err == nil {
		t.Fatal("a bad address was accepted")
	}
}

func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
