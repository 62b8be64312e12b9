package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/orderdash/orderdash/storage"
)

// Describe names the database at a URL for people: "PostgreSQL
// HOST:PORT/DATABASE (user USER)", never its password. A URL that cannot
// be read is "PostgreSQL (an unreadable URL)".
func Describe(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" && u.Query().Get("host") == "" {
		return "PostgreSQL (an unreadable URL)"
	}
	host := u.Host
	if host == "" {
		host = u.Query().Get("host")
	}
	if u.Port() == "" && !strings.HasPrefix(host, "/") {
		host += ":5432"
	}
	d := "PostgreSQL " + host + "/" + strings.TrimPrefix(u.Path, "/")
	if name := u.User.Username(); name != "" {
		d += " (user " + name + ")"
	}
	return d
}

// Redact is the URL with its password (in the user part or as a
// parameter) replaced by "xxxxx", for logs and `info`.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// password is the URL's password, to scrub from driver messages.
func password(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if p, has := u.User.Password(); has {
		return p
	}
	return u.Query().Get("password")
}

func scrub(msg, secret string) string {
	if len(secret) >= 3 {
		msg = strings.ReplaceAll(msg, secret, "xxxxx")
		msg = strings.ReplaceAll(msg, url.QueryEscape(secret), "xxxxx")
		msg = strings.ReplaceAll(msg, url.PathEscape(secret), "xxxxx")
	}
	return msg
}

// wrap gives err the context of op and, where PostgreSQL's code or the
// network says what went wrong, makes it a *storage.Error with its cause
// and advice. Errors already explained (storage's own, a StateError) and
// nil pass through.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *storage.Error
	var state *storage.StateError
	if errors.As(err, &se) || errors.As(err, &state) || errors.Is(err, storage.ErrNoChange) || errors.Is(err, storage.ErrInFlight) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if offline(err) {
			return s.explained(op, storage.ErrOffline, "it did not answer in time", offlineAdvice, err)
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return s.explained(op, storage.ErrCannotOpen, "the server refused the user name or password", "check [storage] url (or the variable url_env names) and the server's pg_hba.conf", err)
		case pe.Code == "3D000":
			return s.explained(op, storage.ErrCannotOpen, "there is no such database", "create it (createdb) or fix [storage] url", err)
		case pe.Code == "3F000":
			return s.explained(op, storage.ErrCannotOpen, "there is no such schema", "create it or fix the search_path in [storage] url", err)
		case pe.Code == "42501":
			return s.explained(op, storage.ErrReadOnly, "the database user may not do this", "grant the user the rights on orderdash's tables (see docs/team.md)", err)
		case pe.Code == "25006":
			return s.explained(op, storage.ErrReadOnly, "the server is read-only (a standby?)", "point [storage] url at the primary", err)
		case pe.Code == "53100":
			return s.explained(op, storage.ErrDiskFull, "the server's disk is full", "free space on the database server", err)
		case pe.Code == "XX001" || pe.Code == "XX002":
			return s.explained(op, storage.ErrCorrupt, "the server reports damaged data", "ask the database's administrator", err)
		case strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03":
			return s.explained(op, storage.ErrOffline, "the server is stopping or starting", offlineAdvice, err)
		}
		return fmt.Errorf("%s: %s", op, scrub(err.Error(), s.secret))
	}
	if offline(err) {
		return s.explained(op, storage.ErrOffline, "", offlineAdvice, err)
	}
	return fmt.Errorf("%s: %w", op, scrubbed{err, s.secret})
}

const offlineAdvice = "check that PostgreSQL runs and that [storage] url names it; orderdash reconnects by itself"

func (s *Store) explained(op string, problem error, why, advice string, err error) error {
	return &storage.Error{Op: op, Path: s.where, Problem: problem, Why: why, Advice: advice,
		Detail: detail(err, s.secret), Err: scrubbed{err, s.secret}}
}

// detail is the driver's words for support: "PostgreSQL 28P01: …", or
// the network's.
func detail(err error, secret string) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return scrub("PostgreSQL "+pe.Code+": "+pe.Message, secret)
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "failed to connect") {
		msg = msg[i+2:] // the cause, without the connection string
	}
	return scrub(msg, secret)
}

// offline reports whether err says the server could not be reached or
// the connection broke.
func offline(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var ce *pgconn.ConnectError
	switch {
	case errors.As(err, &ce), errors.As(err, &oe), errors.As(err, &ne):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	case pgconn.SafeToRetry(err), pgconn.Timeout(err):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection refused") || strings.Contains(msg, "failed to connect")
}

// scrubbed keeps an error's chain but never prints its secret.
type scrubbed struct {
	err    error
	secret string
}

func (e scrubbed) Error() string { return scrub(e.err.Error(), e.secret) }
func (e scrubbed) Unwrap() error { return e.err }

// notFound is whether err is "no rows".
func notFound(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
