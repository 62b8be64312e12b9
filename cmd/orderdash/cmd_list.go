package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/config"
)

func init() {
	register(&command{
		name: "list", args: "--store NAME [--status S[,S…]]... [--sort created|updated|total|status] [--asc] [--page N] [--json]",
		summary: "one page of a store's orders, newest first, with their age and what is late",
		setup:   listSetup,
	})
}

// listSorts are the values --sort takes.
var listSorts = []backend.SortField{backend.SortCreated, backend.SortUpdated, backend.SortTotal, backend.SortStatus}

func listSetup(fs *flag.FlagSet) runFunc {
	var (
		name     string
		statuses stringList
		sortBy   string
		asc      bool
		page     int
		asJSON   bool
	)
	fs.StringVar(&name, "store", "", "the store's `NAME`")
	fs.Var(&statuses, "status", "only orders with status `S`: a code, a name or a kind (pending, shipped, …); several with commas or repeated")
	fs.StringVar(&sortBy, "sort", "", "order by `FIELD`: created, updated, total or status (newest or highest first)")
	fs.BoolVar(&asc, "asc", false, "oldest or lowest first")
	fs.IntVar(&page, "page", 1, "page `N` (1 is the newest)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["list"]
		sort := backend.SortField(strings.ToLower(strings.TrimSpace(sortBy)))
		switch {
		case name == "":
			return usagef(cmd, "--store is required")
		case len(args) > 0:
			return usagef(cmd, "unexpected argument %q", args[0])
		case page < 1 || page > backend.MaxPage:
			// Past MaxPage a page number wraps round where it becomes an offset.
			return usagef(cmd, "--page must be a whole number from 1 to %d", backend.MaxPage)
		case sort != "" && !slices.Contains(listSorts, sort):
			return usagef(cmd, "--sort %q: want one of %s%s", sortBy, sortNames(), nearestSort(sortBy))
		}
		s, err := a.loadStore(ctx, name)
		if err != nil {
			return err
		}
		caps := s.Capabilities()
		q := backend.Query{PageSize: a.ui.PageSize, Asc: asc}
		if caps.MaxPageSize > 0 && q.PageSize > caps.MaxPageSize {
			q.PageSize = caps.MaxPageSize
		}
		// A sort the store cannot do is done here, on the page it sends.
		localSort := false
		if sort != "" {
			if caps.CanSort(sort) {
				q.Sort = sort
			} else {
				localSort = true
				fmt.Fprintf(a.err, "orderdash: %s cannot sort by %s; page %d is sorted here, not the whole list\n", s.Name(), sort, page)
			}
		}
		var keep *statusFilter
		if len(statuses) > 0 {
			f, err := resolveStatuses(ctx, s, statuses)
			if err != nil {
				return err
			}
			keep = &f
			switch {
			case len(f.codes) == 0:
				// Only kinds, of which the store has no status: nothing
				// to ask for, and nothing the page can hold.
				fmt.Fprintf(a.err, "orderdash: %s has no status of kind %s\n", s.Name(), f.what())
			case caps.StatusFilter && (len(f.codes) == 1 || caps.MultiStatusFilter):
				q.Statuses = f.codes
			default:
				fmt.Fprintf(a.err, "orderdash: %s cannot filter by %s; showing the matching orders of page %d only\n", s.Name(), f.what(), page)
			}
		}
		p, err := fetchPage(ctx, s, q, page)
		if err != nil {
			return err
		}
		orders := make([]backend.Order, 0, len(p.Orders))
		for _, o := range p.Orders {
			if keep == nil || keep.has(o.Status) {
				orders = append(orders, o)
			}
		}
		if localSort {
			sortOrders(orders, sort, asc)
		}
		now := time.Now()
		sla := a.sla(s.Name())
		if asJSON {
			out := make([]orderJSON, len(orders))
			for i, o := range orders {
				out[i] = withTiming(o, sla, now)
			}
			return writeJSON(a.out, out)
		}
		return writeOrderList(a, s, orders, p, page, sla, now)
	}
}

func sortNames() string {
	names := make([]string, len(listSorts))
	for i, f := range listSorts {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func nearestSort(typed string) string {
	names := strings.Split(sortNames(), ", ")
	if n := config.Nearest(typed, names); n != "" {
		return " (did you mean " + n + "?)"
	}
	return ""
}

// statusFilter is what --status asked for: platform codes, and kinds.
type statusFilter struct {
	codes []string             // sent to the store where it filters by status
	kinds []backend.StatusKind // also kept here: a kind covers codes the store may not list
	typed []string
}

func (f statusFilter) has(st backend.Status) bool {
	return slices.Contains(f.codes, st.Code) || slices.Contains(f.kinds, st.Kind)
}

func (f statusFilter) what() string {
	if len(f.typed) == 1 && len(f.kinds) == 0 {
		return "status"
	}
	return strings.Join(f.typed, ", ")
}

// resolveStatuses turns what the operator typed into platform codes: each
// value (or each of its comma-separated parts) is a status code or name of
// the store, else a status kind, which stands for every code of that kind.
func resolveStatuses(ctx context.Context, s store, typed []string) (statusFilter, error) {
	all, err := s.Statuses(ctx)
	if err != nil {
		return statusFilter{}, err
	}
	var f statusFilter
	addCode := func(c string) {
		if !slices.Contains(f.codes, c) {
			f.codes = append(f.codes, c)
		}
	}
	var one func(t string, split bool) error
	one = func(t string, split bool) error {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil
		}
		if st, err := backend.FindStatus(all, t); err == nil {
			addCode(st.Code)
			f.typed = append(f.typed, t)
			return nil
		} else if k, kerr := backend.ParseKind(t); kerr == nil {
			codes, err := backend.CodesOfKinds(ctx, s.Backend, []backend.StatusKind{k})
			if err != nil {
				return err
			}
			for _, c := range codes {
				addCode(c)
			}
			f.kinds = append(f.kinds, k)
			f.typed = append(f.typed, string(k))
			return nil
		} else if split && strings.Contains(t, ",") {
			for _, part := range strings.Split(t, ",") {
				if err := one(part, false); err != nil {
					return err
				}
			}
			return nil
		} else {
			return fmt.Errorf("%s: %w, or a status kind (%s)", s.Name(), err, kindNames())
		}
	}
	for _, t := range typed {
		if err := one(t, true); err != nil {
			return statusFilter{}, err
		}
	}
	return f, nil
}

func kindNames() string {
	names := make([]string, len(backend.Kinds))
	for i, k := range backend.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// sortOrders sorts a page as the store would have: by field, newest or
// highest first unless asc; ties by id. Totals compare as exact decimals,
// and an unknown total sorts last either way.
func sortOrders(orders []backend.Order, by backend.SortField, asc bool) {
	total := func(o backend.Order) (*big.Rat, bool) { return new(big.Rat).SetString(o.Total) }
	slices.SortStableFunc(orders, func(a, b backend.Order) int {
		var c int
		switch by {
		case backend.SortUpdated:
			c = a.Updated.Compare(b.Updated)
		case backend.SortTotal:
			ta, oka := total(a)
			tb, okb := total(b)
			switch {
			case !oka || !okb:
				if oka != okb {
					if oka {
						return -1 // known totals first, whatever the direction
					}
					return 1
				}
			default:
				c = ta.Cmp(tb)
			}
		case backend.SortStatus:
			c = strings.Compare(a.Status.Code, b.Status.Code)
		default:
			c = a.Created.Compare(b.Created)
		}
		if c == 0 {
			c = cmp.Compare(len(a.ID), len(b.ID))
			if c == 0 {
				c = strings.Compare(a.ID, b.ID)
			}
		}
		if !asc {
			c = -c
		}
		return c
	})
}

// fetchPage returns page n (1-based). Paged platforms take the number as
// the cursor; cursor platforms are walked from the first page, as far as
// a backend.Walk allows: a store whose cursors loop or outrun its own
// count ends the walk with an error. A page past the end is empty, not an
// error.
func fetchPage(ctx context.Context, s store, q backend.Query, n int) (backend.Page, error) {
	if !s.Capabilities().Cursor {
		if n > 1 {
			q.Cursor = strconv.Itoa(n)
		}
		return s.List(ctx, q)
	}
	walk := backend.NewWalk(s.Name())
	for i := 1; ; i++ {
		p, err := s.List(ctx, q)
		if err != nil || i == n {
			return p, err
		}
		if p.Next == "" {
			return backend.Page{Total: p.Total}, nil
		}
		if err := walk.Add(q.Cursor, p); err != nil {
			return backend.Page{}, err
		}
		q.Cursor = p.Next
	}
}

func writeOrderList(a *app, s store, orders []backend.Order, p backend.Page, page int, sla backend.SLA, now time.Time) error {
	showID := false
	for _, o := range orders {
		if o.ID != o.Number && o.Number != "" {
			showID = true
		}
	}
	t := &table{right: map[int]bool{}, max: map[int]int{}}
	t.header = []string{"ORDER"}
	if showID {
		t.header = append(t.header, "ID")
	}
	base := len(t.header)
	t.header = append(t.header, "STATUS", "CREATED", "AGE", "DUE", "CUSTOMER", "ITEMS", "TOTAL")
	t.max[base] = 28   // status
	t.max[base+4] = 30 // customer
	t.right[base+2], t.right[base+5], t.right[base+6] = true, true, true
	for _, o := range orders {
		row := []string{orderNumber(o)}
		if showID {
			row = append(row, o.ID)
		}
		items := ""
		if n := o.Units(); n > 0 {
			items = strconv.Itoa(n)
		}
		tm := backend.TimingOf(o, sla, now)
		row = append(row, statusText(o.Status), when(o.Created), ageCell(o, tm), dueText(tm, now), customerText(o.Customer), items, money(o.Total, o.Currency))
		t.add(row...)
	}
	// stdout holds only the table, so a script can read it as data; where
	// the page stands goes to stderr.
	if len(orders) == 0 {
		fmt.Fprintf(a.err, "%s: no orders on page %d\n", s.Name(), page)
		return nil
	}
	if err := t.write(a.out); err != nil {
		return err
	}
	var foot []string
	foot = append(foot, fmt.Sprintf("page %d", page))
	if p.Total >= 0 {
		foot = append(foot, fmt.Sprintf("%d orders in all", p.Total))
	}
	if p.Next != "" {
		foot = append(foot, fmt.Sprintf("more with --page %d", page+1))
	}
	fmt.Fprintf(a.err, "%s: %s\n", s.Name(), strings.Join(foot, " · "))
	return nil
}

func orderNumber(o backend.Order) string { return o.Ref() }

func customerText(c backend.Customer) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Email
}
