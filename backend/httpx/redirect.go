package httpx

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// maxRedirects bounds the hops of one read: a store that moved a page
// needs one or two, a loop needs them all.
const maxRedirects = 5

// redirectError is why a redirect was not followed. It travels out of
// http.Client.Do wrapped in a *url.Error and becomes a *backend.Error in
// once, where the request's method is known.
type redirectError struct {
	status int      // the 3xx that asked for the redirect
	to     *url.URL // where it pointed
	reason string   // "another origin", ...
}

func (e *redirectError) Error() string { return "redirect not followed" }

// checkRedirect is the policy of every client: credentials never leave
// the configured origin, and a write is never sent twice.
//
// Go's default policy follows ten hops anywhere and drops only
// Authorization and Cookie on a change of host: API2Cart's x-api-key and
// x-store-key would go to any host a store names, Basic credentials to
// another port of the same host, and a 307 would re-send a write's body
// to the new place. Here a redirect is followed only for a read, only
// within the configured scheme, host and port, and at most maxRedirects
// times; the hop is refused before anything is sent to it.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	refuse := func(reason string) error {
		return &redirectError{status: status, to: req.URL, reason: reason}
	}
	switch {
	case c.base.Scheme == "https" && req.URL.Scheme == "http":
		return refuse("from https to plain http")
	case !sameOrigin(c.base, req.URL):
		return refuse("another origin")
	case len(via) > 0 && isWrite(via[0].Method):
		return refuse("") // the same origin: once names the write
	case len(via) >= maxRedirects:
		return refuse(fmt.Sprintf("more than %d redirects", maxRedirects))
	}
	return nil
}

// sameOrigin compares scheme, host and port, the port made explicit.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// redirectFailure is the *backend.Error for a refused redirect. The
// message names where the store pointed, as scheme://host:port/path: the
// query (where keys may travel) and any user info are left out, and the
// path goes through the client's secret scrubbing like every message.
//
// The kind is KindInvalidRequest, which is never retried: asking again
// would get the same redirect. A refused redirect of a write is judged by
// what the store answered, as it did answer: 307 and 308 ask for the same
// request to be repeated elsewhere, so the store did not act on it here;
// 301, 302 and 303 after a write are how sites answer a write they have
// processed (post/redirect/get), so its outcome is left open (Uncertain)
// for reconciliation to re-read, never resent blindly.
func (c *Client) redirectFailure(req Request, re *redirectError) *backend.Error {
	to := redirectTarget(re.to)
	if re.reason != "" {
		to += " (" + re.reason + ")"
	}
	msg := "the store redirected to " + to + "; orderdash does not follow it"
	if isWrite(req.Method) {
		msg = fmt.Sprintf("the store answered %s with a redirect (%d) to %s; orderdash does not send a write twice",
			req.Method, re.status, to)
	}
	e := c.Error(backend.KindInvalidRequest, req.Op, msg)
	e.HTTPStatus = re.status
	e.Uncertain = isWrite(req.Method) &&
		re.status != http.StatusTemporaryRedirect && re.status != http.StatusPermanentRedirect
	return e
}

// redirectTarget writes u for a message: scheme, host:port and path,
// with "?…" standing for a query it leaves out.
func redirectTarget(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if p := port(u); p != "" {
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	s := u.Scheme + "://" + host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		s += "?…"
	}
	return s
}
