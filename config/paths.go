package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Where the config file was found, for `info` and for deciding what a
// missing file means: a file the operator named must exist; the default
// one may be absent (then the dashboard runs the demo).
const (
	FromFlag    = "--config"
	FromEnv     = "$ORDERDASH_CONFIG"
	FromDefault = "default"
)

// Paths are the files and folders orderdash uses. They follow the XDG base
// directory rules on every OS (as gh-dash does): people were confused when
// tools used ~/Library on macOS.
type Paths struct {
	Config       string
	ConfigSource string // FromFlag, FromEnv or FromDefault
	ConfigExists bool
	DataDir      string // the database and the demo's state
	DataDirFlag  bool   // DataDir came from --data-dir
	DebugLog     string // written only with --debug
	// StateFile is what the dashboard had on screen when it quit (the
	// tab, its filters): $XDG_STATE_HOME/orderdash/state.json.
	StateFile string
}

// Database is the SQLite file: <DIR>/orderdash.db when --data-dir DIR was
// given, else [storage] path when set, else <data dir>/orderdash.db. This
// is the one place that order is decided (the demo keeps its own database
// in its state folder, demo.StateDir, whatever [storage] says).
func (p Paths) Database(s Storage) string {
	if s.Path != "" && !p.DataDirFlag {
		return s.Path
	}
	return filepath.Join(p.DataDir, "orderdash.db")
}

// ResolvePaths works out every path from the command line's --config and
// --data-dir (either may be "") and the environment. lookup nil uses
// os.LookupEnv.
func ResolvePaths(configFlag, dataDirFlag string, lookup func(string) (string, bool)) (Paths, error) {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	var p Paths
	base := func(xdg, fallback string) (string, error) {
		if d, ok := lookup(xdg); ok && filepath.IsAbs(d) {
			return filepath.Join(d, "orderdash"), nil
		}
		home, err := homeDir(lookup)
		if err != nil {
			return "", fmt.Errorf("cannot find your home folder to place %s: %w (set $%s)", fallback, err, xdg)
		}
		return filepath.Join(home, fallback, "orderdash"), nil
	}

	switch env, _ := lookup("ORDERDASH_CONFIG"); {
	case configFlag != "":
		p.Config, p.ConfigSource = configFlag, FromFlag
	case env != "":
		p.Config, p.ConfigSource = env, FromEnv
	default:
		dir, err := base("XDG_CONFIG_HOME", ".config")
		if err != nil {
			return p, err
		}
		p.Config, p.ConfigSource = filepath.Join(dir, "config.toml"), FromDefault
	}
	if p.Config == "~" || len(p.Config) > 1 && p.Config[:2] == "~/" {
		if home, err := homeDir(lookup); err == nil {
			p.Config = filepath.Join(home, p.Config[1:])
		}
	}
	switch fi, err := os.Stat(p.Config); {
	case err == nil && fi.IsDir():
		return p, fmt.Errorf("config file %s is a folder", p.Config)
	case err == nil:
		p.ConfigExists = true
	case !errors.Is(err, fs.ErrNotExist):
		return p, fmt.Errorf("config file: %w", err)
	}

	if dataDirFlag != "" {
		p.DataDirFlag = true
		p.DataDir = resolvePath(dataDirFlag, ".")
		if abs, err := filepath.Abs(p.DataDir); err == nil {
			p.DataDir = abs
		}
	} else {
		dir, err := base("XDG_DATA_HOME", filepath.Join(".local", "share"))
		if err != nil {
			return p, err
		}
		p.DataDir = dir
	}
	state, err := base("XDG_STATE_HOME", filepath.Join(".local", "state"))
	if err != nil {
		return p, err
	}
	p.DebugLog = filepath.Join(state, "debug.log")
	p.StateFile = filepath.Join(state, "state.json")
	return p, nil
}

func homeDir(lookup func(string) (string, bool)) (string, error) {
	if h, ok := lookup("HOME"); ok && h != "" {
		return h, nil
	}
	return os.UserHomeDir()
}
