package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/orderdash/orderdash/backend"
)

// View is one [[views]] entry: a saved query over the mirror shown as a
// tab after All stores (gh-dash's sections). Config owns it because it
// names stores, which only the whole file knows.
type View struct {
	Name string `toml:"name"`
	// Stores are store names; empty is every store.
	Stores []string `toml:"stores"`
	// Statuses are status kinds (pending, processing, on_hold, …) or a
	// platform's status codes or names ("P", "8", "Shipped"), as the
	// command line's --status takes them.
	Statuses []string `toml:"statuses"`
	// Late keeps the orders past their SLA or dispatch date.
	Late bool `toml:"late"`
	// Sort is the field the view is ordered by (created by default); Asc
	// puts the oldest first.
	Sort string `toml:"sort"`
	Asc  bool   `toml:"asc"`
	// Search is a text filter, as typed at `/`.
	Search string `toml:"search"`

	Line int `toml:"-"` // its [[views]] header
}

// Query is the view as the mirror answers it: its statuses split into
// kinds and codes.
func (v View) Query() backend.View {
	q := backend.View{Stores: v.Stores, Late: v.Late, Sort: backend.SortField(v.Sort), Asc: v.Asc, Text: strings.TrimSpace(v.Search)}
	for _, s := range v.Statuses {
		if k, err := backend.ParseKind(s); err == nil {
			q.Kinds = append(q.Kinds, k)
		} else {
			q.Statuses = append(q.Statuses, s)
		}
	}
	return q
}

// views decodes [[views]] and checks each entry against the stores of the
// file (skipped with SkipStores: the demo's stores are not the file's).
func (ld *loader) views(p toml.Primitive) {
	var prims []toml.Primitive
	if err := ld.md.PrimitiveDecode(p, &prims); err != nil {
		ld.c.add(ld.idx.line("views"), "views: write each view as a [[views]] table")
		return
	}
	seen := map[string]int{}
	for i, vp := range prims {
		segs := []string{"views", elem(i)}
		keyLine := func(k string) int { return ld.idx.line(append(append([]string{}, segs...), k)...) }
		var raw any
		_ = ld.md.PrimitiveDecode(vp, &raw)
		var v View
		label := fmt.Sprintf("view #%d", i+1)
		if m, ok := raw.(map[string]any); ok {
			if n, _ := m["name"].(string); n != "" {
				label = fmt.Sprintf("view %q", n)
			}
		}
		where := " in " + label
		problems := checkTree(raw, reflect.TypeOf(&v), segs, []string{"views"}, where)
		for _, pr := range problems {
			ld.c.add(ld.idx.line(pr.Segs...), "%s", pr.Msg)
		}
		if len(problems) > 0 || !ld.decode(vp, &v, segs, where) {
			continue
		}
		v.Line = ld.idx.line(segs...)
		name := strings.TrimSpace(v.Name)
		switch {
		case name == "":
			ld.c.add(v.Line, "%s has no name (the tab's title)", label)
			continue
		case seen[strings.ToLower(name)] > 0:
			ld.c.add(keyLine("name"), "view name %q is used twice (also on line %d)", name, seen[strings.ToLower(name)])
			continue
		}
		seen[strings.ToLower(name)] = keyLine("name")
		v.Name = name
		if v.Sort != "" && !backend.CanSortView(backend.SortField(v.Sort)) {
			ld.c.add(keyLine("sort"), "sort%s: %q is not a field a view sorts by%s", where, v.Sort, suggest(v.Sort, sortNames()))
			continue
		}
		if !ld.SkipStores && !ld.checkView(&v, where, keyLine) {
			continue
		}
		ld.f.Views = append(ld.f.Views, v)
	}
}

// sortNames are the fields a view may sort by.
func sortNames() []string {
	var out []string
	for _, f := range []backend.SortField{backend.SortCreated, backend.SortUpdated, "age", backend.SortTotal, backend.SortStatus, "store", "customer"} {
		if backend.CanSortView(f) {
			out = append(out, string(f))
		}
	}
	return out
}

// checkView resolves a view's store names (their spelling in the file,
// whatever the case written) and checks its statuses.
func (ld *loader) checkView(v *View, where string, keyLine func(string) int) bool {
	var names []string
	byName := map[string]Store{}
	for _, s := range ld.f.Stores {
		names = append(names, s.Name)
		byName[strings.ToLower(s.Name)] = s
	}
	var stores []Store
	for i, n := range v.Stores {
		s, ok := byName[strings.ToLower(strings.TrimSpace(n))]
		if !ok {
			ld.c.add(keyLine("stores"), "stores%s: no store is called %q%s", where, n, suggest(n, names))
			return false
		}
		v.Stores[i] = s.Name
		stores = append(stores, s)
	}
	if len(v.Stores) == 0 {
		stores = ld.f.Stores
	}
	known, open := ld.statusCodes(stores)
	for i, st := range v.Statuses {
		st = strings.TrimSpace(st)
		v.Statuses[i] = st
		if _, err := backend.ParseKind(st); err == nil || known[strings.ToLower(st)] != "" {
			continue
		}
		kinds := make([]string, len(backend.Kinds))
		for i, k := range backend.Kinds {
			kinds[i] = string(k)
		}
		// A store whose statuses are only known by asking it may have
		// this one, unless it is a kind misspelt.
		if open && Nearest(st, kinds) == "" {
			continue
		}
		cands := kinds
		for _, c := range known {
			cands = append(cands, c)
		}
		ld.c.add(keyLine("statuses"), "statuses%s: %q is no status kind or status of its stores%s", where, st, suggest(st, cands))
		return false
	}
	return true
}

// statusCodes are the status codes and names (lower case) the stores may
// be in (by lower case), known without asking them: their status_kinds keys and what
// Loader.StatusCodes gives; open is true when some store's list is only
// known by asking it.
func (ld *loader) statusCodes(stores []Store) (known map[string]string, open bool) {
	known = map[string]string{}
	for _, s := range stores {
		for code := range s.StatusKinds {
			known[strings.ToLower(code)] = code
		}
		var codes []string
		if ld.StatusCodes != nil {
			codes = ld.StatusCodes(s.Platform, s.Config)
		}
		if codes == nil {
			open = true
		}
		for _, c := range codes {
			known[strings.ToLower(c)] = c
		}
	}
	return known, open
}

// suggest is " (did you mean X?)", or the choices when few, or "".
func suggest(s string, valid []string) string {
	if n := Nearest(s, valid); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	if len(valid) > 0 && len(valid) <= 12 {
		return " (one of " + strings.Join(valid, ", ") + ")"
	}
	return ""
}
