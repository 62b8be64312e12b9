package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/orderdash/orderdash/backend"
)

// stores decodes every [[stores]] entry into its platform's Config and
// checks the rules every store follows.
func (ld *loader) stores(p toml.Primitive) {
	var prims []toml.Primitive
	if err := ld.md.PrimitiveDecode(p, &prims); err != nil {
		ld.c.add(ld.idx.line("stores"), "stores: write each store as a [[stores]] table")
		return
	}
	seen := map[string]int{} // lower-cased name -> line of its name
	for i, sp := range prims {
		segs := []string{"stores", elem(i)}
		var raw any
		_ = ld.md.PrimitiveDecode(sp, &raw)
		m, _ := raw.(map[string]any)
		name, _ := m["name"].(string)
		label := fmt.Sprintf("store %q", name)
		if name == "" {
			label = fmt.Sprintf("store #%d", i+1)
		}
		where := " in " + label
		line := ld.idx.line(segs...)
		keyLine := func(k ...string) int { return ld.idx.line(append(append([]string{}, segs...), k...)...) }

		switch {
		case name == "":
			ld.c.add(line, "%s has no name", label)
		case seen[strings.ToLower(name)] > 0:
			ld.c.add(keyLine("name"), "store name %q is used twice (also on line %d)", name, seen[strings.ToLower(name)])
		default:
			seen[strings.ToLower(name)] = keyLine("name")
		}

		platform, _ := m["platform"].(string)
		newConfig, ok := ld.Platforms[platform]
		if !ok {
			ld.badPlatform(m["platform"], platform, label, keyLine("platform"), line)
			continue
		}
		cfg := newConfig()
		for _, pr := range checkTree(m, reflect.TypeOf(cfg), segs, []string{"stores"}, where) {
			ld.c.add(ld.idx.line(pr.Segs...), "%s", pr.Msg)
		}
		if !ld.decode(sp, cfg, segs, where) {
			continue
		}
		base := storeConfigOf(cfg)
		if base == nil {
			ld.c.add(line, "platform %s: its Config does not embed backend.StoreConfig (a bug in orderdash)", platform)
			continue
		}
		if base.URL != "" {
			if msg := checkURL(base.URL); msg != "" {
				ld.c.add(keyLine("url"), "url%s %s", where, msg)
			}
		}
		codes := make([]string, 0, len(base.StatusKinds))
		for code := range base.StatusKinds {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			if _, err := backend.ParseKind(base.StatusKinds[code]); err != nil {
				ld.c.add(keyLine("status_kinds", code), "status_kinds.%s%s: %v", code, where, err)
			}
		}
		if err := base.SLA.Validate(); err != nil {
			kind, msg, _ := strings.Cut(err.Error(), ": ")
			ld.c.add(keyLine("sla", kind), "sla.%s%s: %s", kind, where, msg)
		}
		secrets := ld.secrets(cfg, where, keyLine)
		keys := make(map[string]int, len(m))
		for k := range m {
			keys[k] = keyLine(k)
		}
		ld.f.Stores = append(ld.f.Stores, Store{StoreConfig: *base, Config: cfg, Line: line, Keys: keys, Secrets: secrets})
	}
}

func (ld *loader) badPlatform(raw any, platform, label string, keyLine, line int) {
	var names []string
	for k := range ld.Platforms {
		names = append(names, k)
	}
	sort.Strings(names)
	switch {
	case raw == nil:
		ld.c.add(line, "%s has no platform (one of %s)", label, strings.Join(names, ", "))
	case platform == "":
		ld.c.add(keyLine, "platform in %s must be a string (one of %s)", label, strings.Join(names, ", "))
	default:
		msg := fmt.Sprintf("unknown platform %q in %s", platform, label)
		if s := Nearest(platform, names); s != "" {
			msg += " (did you mean " + s + "?)"
		} else {
			msg += " (one of " + strings.Join(names, ", ") + ")"
		}
		ld.c.add(keyLine, "%s", msg)
	}
}

// storeConfigOf finds the backend.StoreConfig a platform Config embeds.
func storeConfigOf(cfg any) *backend.StoreConfig {
	v := reflect.ValueOf(cfg)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	if v.Type() == storeConfigType {
		return v.Addr().Interface().(*backend.StoreConfig)
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.Anonymous && f.Type == storeConfigType {
			return v.Field(i).Addr().Interface().(*backend.StoreConfig)
		}
	}
	return nil
}

// checkURL applies the https rule. It returns what is wrong, or "". It
// never prints a password the URL may hold.
func checkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "is not a valid URL"
	}
	if u.User != nil {
		return "must not hold a user name or password; give credentials in the store's key settings"
	}
	switch {
	case u.Scheme == "https" && u.Host != "":
		return ""
	case u.Scheme == "http" && u.Host != "":
		if IsLoopback(u.Hostname()) {
			return ""
		}
		return fmt.Sprintf("%q must use https:// (plain http:// is accepted only for localhost, 127.0.0.0/8 and ::1)", u.Redacted())
	case u.Scheme == "" || u.Host == "":
		return fmt.Sprintf("%q must be a full URL starting with https://", u.Redacted())
	}
	return fmt.Sprintf("%q must use https://", u.Redacted())
}

// IsLoopback reports whether host (a name or an address, without port) is
// this machine: localhost, 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// secretField is a secret key of a platform Config and its `_env` partner.
type secretField struct {
	key   string
	rule  string        // its check tag (secretRule)
	value reflect.Value // backend.Secret
	env   reflect.Value // string; invalid when the Config has no _env key
}

var secretType = reflect.TypeFor[backend.Secret]()

func secretFields(cfg any) []secretField {
	var out []secretField
	envs := map[string]reflect.Value{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
			switch {
			case sf.Anonymous && sf.Type.Kind() == reflect.Struct && name == "":
				walk(v.Field(i))
			case !sf.IsExported() || name == "" || name == "-":
			case sf.Type == secretType:
				out = append(out, secretField{key: name, rule: sf.Tag.Get("check"), value: v.Field(i)})
			case sf.Type.Kind() == reflect.String && strings.HasSuffix(name, "_env"):
				envs[strings.TrimSuffix(name, "_env")] = v.Field(i)
			}
		}
	}
	walk(reflect.ValueOf(cfg).Elem())
	for i := range out {
		out[i].env = envs[out[i].key]
	}
	return out
}

// secrets resolves each secret from the environment or checks that the
// file holding it is private. Messages name keys and variables, never
// values.
func (ld *loader) secrets(cfg any, where string, keyLine func(...string) int) []SecretState {
	var states []SecretState
	for _, f := range secretFields(cfg) {
		inline := f.value.String() != ""
		env := ""
		if f.env.IsValid() {
			env = f.env.String()
		}
		envKey := f.key + "_env"
		st := SecretState{Key: f.key, Env: env}
		switch {
		case inline && env != "":
			ld.c.add(keyLine(f.key), "%s%s: set either %s or %s, not both", f.key, where, f.key, envKey)
			f.value.SetString("")
		case env != "":
			v, ok := ld.LookupEnv(env)
			switch {
			case !ok:
				ld.c.add(keyLine(envKey), "%s%s names the environment variable %s, which is not set", envKey, where, env)
			case v == "":
				ld.c.add(keyLine(envKey), "%s%s names the environment variable %s, which is empty", envKey, where, env)
			default:
				f.value.SetString(v)
				st.Set = true
			}
		case inline:
			st.Set = true
			alt := ""
			if f.env.IsValid() {
				alt = fmt.Sprintf(", or move the key to an environment variable named by %s", envKey)
			}
			if perm, private := ld.filePrivate(); !private {
				ld.c.add(keyLine(f.key), "%s%s is written in the file, so the file must be readable only by you (it is mode %04o): run chmod 600 %s%s",
					f.key, where, perm, ld.f.Path, alt)
			} else if owner, me := ld.foreignOwner(); owner != "" {
				ld.c.add(keyLine(f.key), "%s%s is written in the file, so the file must belong to you (it belongs to %s, not to %s): run orderdash as its owner, or chown %s %s%s",
					f.key, where, owner, me, me, ld.f.Path, alt)
			}
		}
		if st.Set {
			if msg := secretRule(f.value.Interface().(backend.Secret), f.rule); msg != "" {
				at, key := f.key, f.key
				if env != "" {
					at, key = envKey, fmt.Sprintf("%s (from %s)", f.key, env)
				}
				ld.c.add(keyLine(at), "%s%s %s", key, where, msg)
			}
		}
		states = append(states, st)
	}
	return states
}

// secretRule applies a secret's check tag (minlen=N) to its value, read.
// It returns what is wrong, or "", and never the value.
func secretRule(s backend.Secret, rule string) string {
	for _, one := range strings.Split(rule, ",") {
		name, arg, _ := strings.Cut(strings.TrimSpace(one), "=")
		if name != "minlen" {
			continue
		}
		if n, err := strconv.Atoi(arg); err == nil && len(s.Reveal()) < n {
			return fmt.Sprintf("is shorter than %d bytes: a short key can be found by trying keys; use the one the platform gives", n)
		}
	}
	return ""
}

// filePrivate reports whether only the owner may read the config file.
// Windows has no such mode bits; there the check is skipped.
func (ld *loader) filePrivate() (os.FileMode, bool) {
	if runtime.GOOS == "windows" {
		return 0, true
	}
	fi, err := os.Stat(ld.f.Path)
	if err != nil {
		return 0, false
	}
	perm := fi.Mode().Perm()
	return perm, perm&0o077 == 0
}

// foreignOwner names the config file's owner and the user running
// orderdash when they differ: the owner can read the secrets in it and
// rewrite it (send them elsewhere, name other variables), so a file
// holding secrets must be the reader's own. Refused rather than warned
// about, as the mode rule is. One exception: root reading the file of
// the user who ran sudo (SUDO_UID), whose secrets they are anyway; only
// root can set SUDO_UID for root. "" when the file is the reader's.
func (ld *loader) foreignOwner() (owner, me string) {
	fi, err := os.Stat(ld.f.Path)
	if err != nil {
		return "", ""
	}
	uid, ok := fileOwner(fi)
	euid := os.Geteuid()
	if !ok || euid < 0 || uid == euid {
		return "", ""
	}
	if sudo, set := ld.LookupEnv("SUDO_UID"); set && euid == 0 && sudo == strconv.Itoa(uid) {
		return "", ""
	}
	return userName(uid), userName(euid)
}
