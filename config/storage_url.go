package config

import (
	"net/url"
	"strings"
)

// Team mode: `[storage] url = "postgres://…"` (or `url_env = "NAME"`)
// puts the journal, the local history and the Kornit X inbox in one
// PostgreSQL database shared by every orderdash of a team. The URL may
// hold a password, so no message here ever quotes it: they name the key
// and what is wrong with it.

// UsesPostgres reports whether the journal lives in PostgreSQL.
func (s Storage) UsesPostgres() bool { return s.URL != "" }

// checkPostgresURL says what is wrong with a [storage] url, without
// quoting it; "" when it will do.
func checkPostgresURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme == "" || u.Opaque != "":
		return "is not a URL such as postgres://USER@HOST:5432/DATABASE"
	case u.Scheme != "postgres" && u.Scheme != "postgresql":
		return "has the scheme " + strings.ToLower(u.Scheme) + "; want postgres://USER@HOST:5432/DATABASE"
	case u.Host == "" && u.Query().Get("host") == "":
		return "names no host; want postgres://USER@HOST:5432/DATABASE"
	case strings.Trim(u.Path, "/") == "":
		return "names no database; want postgres://USER@HOST:5432/DATABASE"
	}
	return ""
}

// storageURL reads url_env into url and checks the URL. A password
// written in the file needs a private file, as a store's secrets do.
func (ld *loader) storageURL() {
	s := &ld.f.Storage
	line := func(k string) int { return ld.idx.line("storage", k) }
	key := "url"
	switch {
	case s.URL != "" && s.URLEnv != "":
		ld.c.add(line("url"), "storage: set either url or url_env, not both")
		s.URL = ""
		return
	case s.URLEnv != "":
		key = "url_env"
		v, ok := ld.LookupEnv(s.URLEnv)
		switch {
		case !ok:
			ld.c.add(line(key), "storage.url_env names the environment variable %s, which is not set", s.URLEnv)
			return
		case strings.TrimSpace(v) == "":
			ld.c.add(line(key), "storage.url_env names the environment variable %s, which is empty", s.URLEnv)
			return
		}
		s.URL = strings.TrimSpace(v)
	case s.URL == "":
		return
	}
	if why := checkPostgresURL(s.URL); why != "" {
		what := "storage.url"
		if key == "url_env" {
			what = "storage.url_env: the value of " + s.URLEnv
		}
		ld.c.add(line(key), "%s %s", what, why)
		s.URL = ""
		return
	}
	if key != "url" {
		return
	}
	if u, err := url.Parse(s.URL); err == nil {
		if _, has := u.User.Password(); has || u.Query().Get("password") != "" {
			if perm, private := ld.filePrivate(); !private {
				ld.c.add(line(key), "storage.url holds a password, so the file must be readable only by you (it is mode %04o): run chmod 600 %s, or move the URL to an environment variable named by url_env",
					perm, ld.f.Path)
				s.URL = ""
			}
		}
	}
}
