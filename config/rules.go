package config

import (
	"fmt"
	"net"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// A value rule is written in a struct field's `check` tag, next to its
// toml tag, so the package that owns a table says what its values may be
// and config reports a bad one with its line and the nearest valid value,
// at load, for `check` and every command alike:
//
//	oneof=a|b|c     one of these words; "@NAME" adds the tables under the
//	                top-level table NAME ([themes.NAME] for a theme name)
//	range=LO..HI    an integer, or a duration ("1s..10m"), from LO to HI
//	zone            a time zone name ("Europe/London", "UTC")
//	currency        a three-letter currency code ("EUR")
//	email           an e-mail address
//	hostport        HOST:PORT with a port from 0 to 65535
//	oneline         text without line breaks or control characters
//	names           a list of names: each on one line, not empty, without
//	                spaces around it, and not listed twice
//	adminurl        an http(s) URL holding {id}, without credentials
//	minlen=N        a secret (backend.Secret) of at least N bytes, checked
//	                once read from the file or its environment variable;
//	                the message names the key, never the value
//
// Rules apply to the keys the file writes; an absent key keeps its default.
// Several rules are separated by commas.
type rules struct {
	// tables names the tables under each top-level table, for "@NAME".
	tables map[string][]string
}

// checkRule applies rule to raw, the value as decoded into any, for a field
// of type t. It returns what is wrong ("want …"), or "".
func (r rules) checkRule(raw any, t reflect.Type, rule string) string {
	for _, one := range strings.Split(rule, ",") {
		name, arg, _ := strings.Cut(strings.TrimSpace(one), "=")
		if msg := r.apply(raw, t, name, arg); msg != "" {
			return msg
		}
	}
	return ""
}

func (r rules) apply(raw any, t reflect.Type, name, arg string) string {
	s, isString := raw.(string)
	switch name {
	case "oneof":
		if !isString || s == "" {
			return ""
		}
		var valid []string
		for _, w := range strings.Split(arg, "|") {
			if t, ok := strings.CutPrefix(w, "@"); ok {
				valid = append(valid, r.tables[t]...)
				continue
			}
			valid = append(valid, w)
		}
		for _, v := range valid {
			if s == v {
				return ""
			}
		}
		msg := "want " + orList(valid)
		if n := Nearest(s, valid); n != "" {
			msg += " (did you mean " + n + "?)"
		}
		return msg
	case "range":
		return checkRange(raw, t, arg)
	case "zone":
		if !isString || s == "" {
			return ""
		}
		if _, err := time.LoadLocation(s); err != nil {
			return `not a time zone; write one such as "Europe/London", "America/Denver" or "UTC"`
		}
	case "currency":
		if !isString || s == "" {
			return ""
		}
		if len(s) != 3 || strings.ToUpper(s) != s || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return `want a three-letter currency code in capitals, such as "EUR" or "USD"`
		}
	case "email":
		if !isString || s == "" {
			return ""
		}
		local, domain, ok := strings.Cut(s, "@")
		if !ok || local == "" || domain == "" || strings.ContainsAny(s, " \t\r\n<>") || strings.Contains(domain, "@") {
			return `want an e-mail address such as "ops@example.com"`
		}
	case "hostport":
		if !isString || s == "" {
			return ""
		}
		_, port, err := net.SplitHostPort(s)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
			return `want HOST:PORT with a port from 0 (any free one) to 65535, such as "127.0.0.1:8787"`
		}
	case "oneline":
		if isString && backend.CleanLine(s) != s {
			return "holds a line break or a control character"
		}
	case "names":
		return checkNames(raw)
	case "adminurl":
		if !isString {
			return ""
		}
		return CheckAdminURL(s)
	}
	return ""
}

// checkNames applies "names" to a list of strings.
func checkNames(raw any) string {
	l, ok := raw.([]any)
	if !ok {
		return ""
	}
	seen := map[string]bool{}
	for _, v := range l {
		s, ok := v.(string)
		switch {
		case !ok:
			return ""
		case strings.TrimSpace(s) == "":
			return "holds an empty name"
		case strings.TrimSpace(s) != s:
			return fmt.Sprintf("%q has spaces around it (names must match exactly)", s)
		case backend.CleanLine(s) != s:
			return fmt.Sprintf("%q holds a line break or a control character", s)
		case seen[s]:
			return fmt.Sprintf("%q is listed twice", s)
		}
		seen[s] = true
	}
	return ""
}

// checkRange applies "range=LO..HI" to an integer or a duration.
func checkRange(raw any, t reflect.Type, arg string) string {
	lo, hi, _ := strings.Cut(arg, "..")
	if t == durationType {
		s, ok := raw.(string)
		if !ok {
			return "" // checkDuration has said what is wrong
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return ""
		}
		dlo, _ := time.ParseDuration(lo)
		dhi, _ := time.ParseDuration(hi)
		if d < dlo || d > dhi {
			return fmt.Sprintf("want a duration from %s to %s", lo, hi)
		}
		return ""
	}
	n, ok := raw.(int64)
	if !ok {
		return ""
	}
	ilo, _ := strconv.ParseInt(lo, 10, 64)
	ihi, _ := strconv.ParseInt(hi, 10, 64)
	if n < ilo || n > ihi {
		return fmt.Sprintf("want a whole number from %d to %d", ilo, ihi)
	}
	return ""
}

// CheckAdminURL checks a store's admin_url: an http(s) URL with the {id}
// placeholder (and optionally {number}), without user or password (it is
// printed and opened in a browser). It returns what is wrong, or "".
func CheckAdminURL(s string) string {
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "{id}") {
		return `want a URL holding {id}, such as "https://shop.example/admin.php?dispatch=orders.details&order_id={id}"`
	}
	probe := strings.NewReplacer("{id}", "1", "{number}", "1").Replace(s)
	u, err := url.Parse(probe)
	switch {
	case err != nil || u.Host == "":
		return "want an http:// or https:// URL with a host"
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Sprintf("want an http:// or https:// URL, not %s://", u.Scheme)
	case u.User != nil:
		return "holds a user or password: the URL is shown and opened in a browser, so it may carry no credentials; sign in to the admin in the browser"
	}
	for _, k := range []string{"key", "token", "secret", "password", "pass", "auth"} {
		for q := range u.Query() {
			if strings.Contains(strings.ToLower(q), k) {
				return fmt.Sprintf("its query has %q: the URL is shown and opened in a browser, so it may carry no credentials", q)
			}
		}
	}
	return ""
}

// orList writes "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return "nothing"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// showValue writes a raw value as the file would.
func showValue(raw any) string {
	if s, ok := raw.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(raw)
}

// maxOperator bounds the name the journal records with every change.
const maxOperator = 64

// checkOperator checks the top-level operator: a name on one line.
func checkOperator(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "want a name; leave operator out to record your OS user"
	case backend.CleanLine(s) != s:
		return "holds a line break or a control character"
	case len([]rune(s)) > maxOperator:
		return fmt.Sprintf("want a name of at most %d characters", maxOperator)
	}
	return ""
}
