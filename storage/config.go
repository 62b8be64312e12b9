package storage

import (
	"os"
	"os/user"
	"path/filepath"
	"strings"
)

// FileName is the database's name inside a data directory.
const FileName = "orderdash.db"

// Config is the `[storage]` section of the config file.
type Config struct {
	// Path is the SQLite database file; "" means DefaultPath(). A leading
	// "~/" is the home directory.
	Path string `toml:"path"`
}

// DataDir is where orderdash keeps its data: $XDG_DATA_HOME/orderdash,
// else ~/.local/share/orderdash (on every OS, like the config file). It is
// "" only when neither variable nor a home directory is known.
func DataDir() string {
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "orderdash")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "share", "orderdash")
}

// DefaultPath is the database in DataDir(), or "" when there is none.
func DefaultPath() string {
	dir := DataDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, FileName)
}

// ResolvePath picks the database file the way the command line documents
// it: --data-dir (the flag's value, "" when not given) wins, then
// `[storage] path`, then DefaultPath(). `orderdash info` shows the result.
func ResolvePath(dataDir string, cfg Config) string {
	switch {
	case dataDir != "":
		return filepath.Join(expandHome(dataDir), FileName)
	case cfg.Path != "":
		return expandHome(cfg.Path)
	}
	return DefaultPath()
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

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
