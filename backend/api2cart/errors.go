package api2cart

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// API2Cart return codes (https://docs.api2cart.com/post/error-codes).
const (
	codeOK               = 0
	codeUnavailable      = 1
	codeBadAPIKey        = 2
	codeNoMethod         = 3
	codeStoreDenied      = 4
	codeAPIDenied        = 5
	codeKeyDisabled      = 6
	codeStoreLimit       = 7
	codeStoreExists      = 8
	codeInternal         = 9
	codeAccountLimit     = 10
	codeStoreCredentials = 100
	codeStoreNotFound    = 101
	codeUnreachable      = 106
	codeStoreError       = 107
	codeBadParam         = 109
	codeStoreThrottled   = 110
	codeTooManyItems     = 111
	codeNotFound         = 112
	codeExists           = 113
	codeMissingParam     = 114
	codeTooManyPrefixes  = 115
	codeDuplicate        = 116
	firstBridgeCode      = 102 // 102-105: FTP and bridge failures
	lastBridgeCode       = 105
)

// kindOfCode maps a return code onto the domain's error kinds.
func kindOfCode(code int) backend.ErrorKind {
	switch code {
	case codeBadAPIKey, codeStoreDenied, codeAPIDenied, codeKeyDisabled,
		codeStoreCredentials, codeStoreNotFound:
		return backend.KindUnauthorized
	case codeNotFound:
		return backend.KindNotFound
	case codeBadParam, codeMissingParam, codeNoMethod, codeTooManyItems, codeTooManyPrefixes:
		return backend.KindInvalidRequest
	case codeStoreLimit, codeAccountLimit, codeStoreThrottled:
		return backend.KindRateLimited
	case codeUnavailable, codeInternal, codeUnreachable, codeStoreError:
		return backend.KindUnavailable
	case codeStoreExists, codeExists, codeDuplicate:
		return backend.KindConflict
	}
	if code >= firstBridgeCode && code <= lastBridgeCode {
		return backend.KindUnavailable
	}
	return backend.KindUnknownError
}

// classify is the httpx hook that reads every answer's return_code: an
// API2Cart error arrives with HTTP 200, so the status line proves nothing.
func classify(r *httpx.Response) error {
	body := bytes.TrimSpace(r.Body)
	var env struct {
		ReturnCode    *wire.Int   `json:"return_code"`
		ReturnMessage wire.String `json:"return_message"`
	}
	err := httpx.Decode(body, &env)
	ok2xx := r.Status >= 200 && r.Status < 300
	if err != nil || env.ReturnCode == nil {
		if !ok2xx {
			// A proxy's error page: let the status code speak.
			return nil
		}
		msg := "the answer has no return_code"
		if err != nil {
			msg = "the answer could not be read: " + err.Error()
		}
		return &backend.Error{Kind: backend.KindMalformed, Message: msg, Err: err}
	}
	code := int(*env.ReturnCode)
	if code == codeOK {
		return nil // success, or a non-2xx status that statusError reads
	}
	return codeError(code, string(env.ReturnMessage), r.Header.Get("Retry-After"))
}

// codeError builds the error for a non-zero return code.
func codeError(code int, msg, retryAfter string) *backend.Error {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		msg = "API2Cart refused the call"
	}
	e := &backend.Error{
		Kind:    kindOfCode(code),
		Code:    strconv.Itoa(code),
		Message: fmt.Sprintf("%s (return code %d)", msg, code),
	}
	if e.Kind == backend.KindRateLimited {
		// API2Cart documents no Retry-After; honour one if a proxy sends
		// it, else httpx backs off exponentially with jitter.
		e.RetryAfter = httpx.ParseRetryAfter(retryAfter, time.Now())
	}
	return e
}
