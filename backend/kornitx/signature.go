package kornitx

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// HMACHeader carries the signature of a pushed order.
const HMACHeader = "X-CustomGateway-Hmac"

// Sign is the X-CustomGateway-Hmac value for body: HMAC-SHA256 of the raw
// body keyed with the integration's HMAC key, in hex (default) or base64.
func Sign(body []byte, key, encoding string) string {
	sum := mac(body, key)
	if strings.EqualFold(strings.TrimSpace(encoding), "base64") {
		return base64.StdEncoding.EncodeToString(sum)
	}
	return hex.EncodeToString(sum)
}

func mac(body []byte, key string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return m.Sum(nil)
}

// verifySignature checks got against body in constant time. The header is
// decoded in the configured encoding first (hex in either case; base64
// standard or URL-safe, padded or not), so the comparison is of the raw
// 32-byte MACs and takes the same time wherever they differ.
func verifySignature(body []byte, got, key, encoding string) bool {
	got = strings.TrimSpace(got)
	if got == "" {
		return false
	}
	var sig []byte
	var err error
	if strings.EqualFold(strings.TrimSpace(encoding), "base64") {
		sig, err = decodeBase64(got)
	} else {
		// Some senders prefix the algorithm: "sha256=…".
		got = strings.TrimPrefix(strings.TrimPrefix(got, "sha256="), "SHA256=")
		sig, err = hex.DecodeString(got)
	}
	if err != nil {
		return false
	}
	return hmac.Equal(sig, mac(body, key))
}

func decodeBase64(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return base64.StdEncoding.DecodeString(s)
}
