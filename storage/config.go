package storage

import (
	"os"
	"os/user"
	"strings"
)

// FileName is the database's name inside a data directory. Which file is
// used (--data-dir, `[storage] path`, the XDG data directory) is decided
// in one place, config.Paths.Database.
const FileName = "orderdash.db"

// OperatorName is who the journal records as making a change: the
// configured `operator`, else the OS user, else "unknown".
func OperatorName(configured string) string {
	if s := strings.TrimSpace(configured); s != "" {
		return s
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown"
}
