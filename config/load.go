// Package config finds, reads and checks orderdash's TOML file.
//
// It owns the file's top-level keys, [storage], and the rules every
// [[stores]] entry must follow (unique names, a known platform, https,
// secrets from the environment or a private file). The tables other
// packages own ([ui], [keys], [themes.NAME]) and each platform's store keys
// are decoded into those packages' own structs, which the caller hands in
// through a Loader; config checks their keys by reflection, so a typo is
// reported with its line and the nearest valid key whoever owns the table.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/orderdash/orderdash/backend"
)

// Loader says where each part of the file goes.
type Loader struct {
	// Platforms maps each `platform =` value to a function returning a
	// pointer to a new, zero Config of that platform's client. The Config
	// must embed backend.StoreConfig.
	Platforms map[string]func() any
	// Tables maps the other top-level tables ("ui", "keys", "themes") to
	// pointers they are decoded into, already holding the defaults. After
	// decoding, a target with a `Validate() error` method is checked.
	Tables map[string]any
	// LookupEnv reads the environment; nil uses os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// SkipStores leaves [[stores]] unread and unchecked: with --demo the
	// file's stores are not used, and a variable missing from this shell
	// must not keep the demo from starting.
	SkipStores bool
	// StatusCodes, when set, lists the status codes and names a store of
	// the platform may be in, known without asking it (Kornit X's fixed
	// codes, a Lunasoft store's configured names); nil when only the store
	// knows. [[views]] statuses are checked against it.
	StatusCodes func(platform string, cfg any) []string
}

// File is a loaded config file.
type File struct {
	Path     string
	Operator string // "" when the file does not set one
	Storage  Storage
	SLA      SLA
	Stores   []Store
	Views    []View // [[views]], in file order
}

// Resolve reads a path written in the file as [storage] path is read:
// "~/" is the home folder, and a relative path is relative to the file's
// folder (not to wherever orderdash was started).
func (f *File) Resolve(p string) string { return resolvePath(p, filepath.Dir(f.Path)) }

// Storage is the [storage] table.
type Storage struct {
	// Path is the SQLite database, "" for the default; "~/" and paths
	// relative to the config file's folder are resolved by Load.
	Path string `toml:"path"`
	// SyncDays bounds the mirror's first fill of a store: the orders
	// changed in the last SyncDays days (0: DefaultSyncDays).
	SyncDays int `toml:"sync_days" check:"range=1..3650"`
	// Keep is how long an order stays in the mirror once final (0:
	// DefaultKeep).
	Keep Days `toml:"keep"`
	// URL is the PostgreSQL database of team mode ("postgres://…"); "" for
	// SQLite alone. When URLEnv names a variable, Load reads it into URL.
	// It may hold a password: print it only through a redacting helper
	// (pgstore.Redact), never as it is.
	URL    string `toml:"url"`
	URLEnv string `toml:"url_env"`
	// Lease is how long a change being sent stays its sender's unrenewed
	// (team mode): how soon after a crash another orderdash may settle
	// it (0: pgstore.DefaultLeaseTTL).
	Lease time.Duration `toml:"lease" check:"range=5s..10m"`
}

// Store is one [[stores]] entry.
type Store struct {
	backend.StoreConfig // a copy of the common keys, for the caller's convenience
	// Config points to the platform's own Config, secrets resolved: an
	// `x_env` key's variable has been read into `x`.
	Config any
	Line   int // the line of its [[stores]] header
	// Keys is the line of each key the entry writes, for errors found
	// when the store is opened (File.StoreError).
	Keys map[string]int
	// Secrets says, for each secret key, whether it has a value; never
	// what it is.
	Secrets []SecretState
}

// SecretState describes one secret of a store without revealing it.
type SecretState struct {
	Key string // "api_key"
	Env string // the variable it is read from; "" when written inline or unset
	Set bool
}

var storeConfigType = reflect.TypeFor[backend.StoreConfig]()

// Load reads and checks the file at path. On a file that parses, it returns
// the File even when there are problems (the stores that decoded), with an
// Errors listing every problem; callers other than `info` should stop on
// any error.
func (l Loader) Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	text := string(data)
	var top map[string]toml.Primitive
	md, err := toml.Decode(text, &top)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, Errors{syntaxError(path, text, pe)}
		}
		return nil, Errors{{File: path, Msg: err.Error()}}
	}
	ld := &loader{
		Loader: l,
		md:     md,
		idx:    indexLines(text),
		c:      &collector{file: path},
		f:      &File{Path: path},
	}
	if ld.LookupEnv == nil {
		ld.LookupEnv = os.LookupEnv
	}
	ld.top(top)
	return ld.f, ld.c.err()
}

type loader struct {
	Loader
	md  toml.MetaData
	idx lineIndex
	c   *collector
	f   *File
	raw map[string]toml.Primitive // the file's top-level keys
}

// rules knows the names of the tables under each top-level table, for a
// value that must name one ([ui] theme, a [themes.NAME]).
func (ld *loader) rules() rules {
	r := rules{tables: map[string][]string{}}
	for k, p := range ld.raw {
		var m map[string]any
		if ld.md.PrimitiveDecode(p, &m) != nil {
			continue
		}
		for name, v := range m {
			if _, ok := v.(map[string]any); ok {
				r.tables[k] = append(r.tables[k], name)
			}
		}
		sort.Strings(r.tables[k])
	}
	return r
}

// validTop is every top-level key this Loader accepts.
func (ld *loader) validTop() []string {
	keys := []string{"operator", "sla", "storage", "stores", "views"}
	for k := range ld.Tables {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (ld *loader) top(top map[string]toml.Primitive) {
	ld.raw = top
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return ld.idx.line(keys[i]) < ld.idx.line(keys[j]) })
	var views *toml.Primitive
	for _, k := range keys {
		p := top[k]
		switch k {
		case "views":
			// Checked once every store is known, wherever it is written.
			views = &p
		case "operator":
			if ld.decode(p, &ld.f.Operator, []string{k}, "") {
				if msg := checkOperator(ld.f.Operator); msg != "" {
					ld.c.add(ld.idx.line(k), "operator = %q: %s", ld.f.Operator, msg)
				}
			}
		case "storage":
			ld.table(p, k, &ld.f.Storage)
			ld.f.Storage.Path = ld.f.Resolve(ld.f.Storage.Path)
			ld.storageURL()
		case "sla":
			ld.table(p, k, &ld.f.SLA)
		case "stores":
			if !ld.SkipStores {
				ld.stores(p)
			}
		default:
			target, ok := ld.Tables[k]
			if !ok {
				ld.c.add(ld.idx.line(k), "%s", unknownKeyMsg(k, k, ld.validTop()))
				continue
			}
			ld.table(p, k, target)
		}
	}
	if views != nil {
		ld.views(*views)
	}
}

// table decodes one top-level table into target, reporting unknown keys
// and the target's own validation.
func (ld *loader) table(p toml.Primitive, name string, target any) {
	var raw any
	_ = ld.md.PrimitiveDecode(p, &raw)
	for _, pr := range ld.rules().checkTree(raw, reflect.TypeOf(target), []string{name}, []string{name}, "") {
		ld.c.add(ld.idx.line(pr.Segs...), "%s", pr.Msg)
	}
	if !ld.decode(p, target, []string{name}, "") {
		return
	}
	ld.validate(reflect.ValueOf(target), raw, []string{name})
}

type validator interface{ Validate() error }

// validate runs the Validate method of v, or of each element of a map
// without one (each [themes.NAME]). The error is placed on the line of the
// key it names, if it names one of the table's keys, else on the table.
func (ld *loader) validate(v reflect.Value, raw any, segs []string) {
	for v.Kind() == reflect.Pointer && !v.Type().Implements(reflect.TypeFor[validator]()) {
		v = v.Elem()
	}
	m, _ := raw.(map[string]any)
	if val, ok := v.Interface().(validator); ok {
		err := val.Validate()
		if err == nil {
			return
		}
		msg := firstLine(err)
		dotted := strings.Join(segs, ".")
		if !strings.HasPrefix(msg, dotted+":") && !strings.HasPrefix(msg, dotted+".") {
			msg = dotted + ": " + msg
		}
		line := ld.idx.line(segs...)
		for k := range m {
			if mentions(msg, k) {
				if l := ld.idx.line(append(append([]string{}, segs...), k)...); l > line {
					line = l
				}
			}
		}
		ld.c.add(line, "%s", msg)
		return
	}
	if v.Kind() == reflect.Map {
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			ld.validate(iter.Value(), m[k], append(append([]string{}, segs...), k))
		}
	}
}

// mentions reports whether msg names key k as a word of its own.
func mentions(msg, k string) bool {
	for i := 0; ; {
		j := strings.Index(msg[i:], k)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(k)
		if (j == 0 || !isBareKeyChar(msg[j-1])) && (end == len(msg) || !isBareKeyChar(msg[end])) {
			return true
		}
		i = j + 1
	}
}

// decode decodes p into target; on failure it reports the key concerned at
// its line. segs is the index path of p itself.
func (ld *loader) decode(p toml.Primitive, target any, segs []string, where string) bool {
	err := ld.md.PrimitiveDecode(p, target)
	if err == nil {
		return true
	}
	key, msg := decodeError(err)
	// BurntSushi names the key from the top ("stores.timeout"); the first
	// len(segs) names are p's own, the rest lie inside it.
	parts := splitKey(key)
	keySegs := append([]string{}, segs...)
	dotted := strings.Join(plainSegs(segs), ".")
	if n := len(plainSegs(segs)); len(parts) > n {
		keySegs = append(keySegs, parts[n:]...)
		dotted = strings.Join(parts, ".")
	}
	ld.c.add(ld.idx.line(keySegs...), "%s%s: %s", dotted, where, msg)
	return false
}

// plainSegs drops array-element segments.
func plainSegs(segs []string) []string {
	var out []string
	for _, s := range segs {
		if !strings.HasPrefix(s, "\x00") {
			out = append(out, s)
		}
	}
	return out
}

// splitKey splits a key as toml.Key.String prints it, unquoting quoted parts.
func splitKey(k string) []string {
	var out []string
	for k != "" {
		keys, rest := parseKey(k)
		if len(keys) == 0 {
			break
		}
		out = append(out, keys...)
		k = strings.TrimPrefix(strings.TrimSpace(rest), ".")
		if rest == k {
			break
		}
	}
	return out
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// resolvePath expands "~/" and makes a relative path relative to dir.
func resolvePath(p, dir string) string {
	if p == "" {
		return ""
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return p
}
