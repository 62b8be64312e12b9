package api2cart

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	code, msg, err := readHead(r.Body)
	if err != nil {
		if r.Status < 200 || r.Status >= 300 {
			return nil // a proxy's error page: the status code speaks
		}
		return &backend.Error{Kind: backend.KindMalformed, Message: "the store's answer could not be read: " + err.Error(), Err: err}
	}
	if code == codeOK {
		return nil // success, or a non-2xx status that httpx reads
	}
	return codeError(code, msg)
}

// readHead reads return_code and return_message. API2Cart writes them
// first, so it stops as soon as both are known and a 250-order page is not
// scanned twice; the rest of the body is checked when it is decoded.
func readHead(body []byte) (code int, msg string, err error) {
	b := bytes.TrimSpace(body)
	switch {
	case len(b) == 0:
		return 0, "", errors.New("empty body")
	case b[0] == '<':
		return 0, "", errors.New("got HTML, not JSON (a proxy or maintenance page?)")
	case b[0] != '{':
		return 0, "", errors.New("the answer is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return 0, "", readErr(err)
	}
	var haveCode, haveMsg bool
	for dec.More() && !(haveCode && haveMsg) {
		tok, err := dec.Token()
		if err != nil {
			return 0, "", readErr(err)
		}
		key, _ := tok.(string)
		switch key {
		case "return_code":
			var n wire.Int
			if err := dec.Decode(&n); err != nil {
				return 0, "", fmt.Errorf("return_code: %w", readErr(err))
			}
			code, haveCode = int(n), true
		case "return_message":
			var s wire.String
			if err := dec.Decode(&s); err != nil {
				return 0, "", fmt.Errorf("return_message: %w", readErr(err))
			}
			msg, haveMsg = string(s), true
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, "", readErr(err)
			}
		}
	}
	if !haveCode {
		return 0, "", errors.New("the answer has no return_code")
	}
	return code, msg, nil
}

func readErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("the JSON is cut short (truncated answer)")
	}
	return err
}

// codeError builds the error for a non-zero return code. API2Cart
// documents no Retry-After for its rate limits; httpx honours one a proxy
// sends, else backs off exponentially with jitter.
func codeError(code int, msg string) *backend.Error {
	// Cleaned before our words follow it: an escape sequence the platform
	// left unfinished would swallow them.
	msg = strings.TrimSpace(backend.CleanLine(msg))
	if msg == "" {
		msg = "API2Cart refused the call"
	}
	return &backend.Error{
		Kind:    kindOfCode(code),
		Code:    strconv.Itoa(code),
		Message: fmt.Sprintf("%s (return code %d)", msg, code),
		// An internal error may come after a write applied; throttles,
		// refusals and unreachable stores (1, 106, 107) changed nothing.
		// httpx keeps this for writes only, and itself marks unreadable
		// answers and 5xx other than 503.
		Uncertain: code == codeInternal,
	}
}
