package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

func init() {
	register(&command{
		name: "list", args: "--store NAME [--status S]... [--page N] [--json]",
		summary: "one page of a store's orders, newest first",
		setup:   listSetup,
	})
}

func listSetup(fs *flag.FlagSet) runFunc {
	var (
		name     string
		statuses stringList
		page     int
		asJSON   bool
	)
	fs.StringVar(&name, "store", "", "the store's `NAME`")
	fs.Var(&statuses, "status", "only orders with status `S` (a code or name; repeatable)")
	fs.IntVar(&page, "page", 1, "page `N` (1 is the newest)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["list"]
		switch {
		case name == "":
			return usagef(cmd, "--store is required")
		case len(args) > 0:
			return usagef(cmd, "unexpected argument %q", args[0])
		case page < 1 || page > backend.MaxPage:
			// Past MaxPage a page number wraps round where it becomes an offset.
			return usagef(cmd, "--page must be a whole number from 1 to %d", backend.MaxPage)
		}
		s, err := a.loadStore(ctx, name)
		if err != nil {
			return err
		}
		caps := s.Capabilities()
		q := backend.Query{PageSize: a.ui.PageSize}
		if caps.MaxPageSize > 0 && q.PageSize > caps.MaxPageSize {
			q.PageSize = caps.MaxPageSize
		}
		var only map[string]bool
		if len(statuses) > 0 {
			codes, err := resolveStatuses(ctx, s, statuses)
			if err != nil {
				return err
			}
			only = map[string]bool{}
			for _, c := range codes {
				only[c] = true
			}
			if caps.StatusFilter && (len(codes) == 1 || caps.MultiStatusFilter) {
				q.Statuses = codes
			} else {
				fmt.Fprintf(a.err, "orderdash: %s cannot filter by status; showing the matching orders of page %d only\n", s.Name(), page)
			}
		}
		p, err := fetchPage(ctx, s, q, page)
		if err != nil {
			return err
		}
		orders := make([]backend.Order, 0, len(p.Orders))
		for _, o := range p.Orders {
			if only == nil || only[o.Status.Code] {
				orders = append(orders, o)
			}
		}
		if asJSON {
			return writeJSON(a.out, orders)
		}
		return writeOrderList(a, s, orders, p, page)
	}
}

// resolveStatuses turns what the operator typed into platform codes.
func resolveStatuses(ctx context.Context, s store, typed []string) ([]string, error) {
	all, err := s.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, len(typed))
	for _, t := range typed {
		st, err := backend.FindStatus(all, t)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name(), err)
		}
		codes = append(codes, st.Code)
	}
	return codes, nil
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

func writeOrderList(a *app, s store, orders []backend.Order, p backend.Page, page int) error {
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
	t.header = append(t.header, "STATUS", "CREATED", "CUSTOMER", "ITEMS", "TOTAL")
	t.max[base] = 28   // status
	t.max[base+2] = 30 // customer
	t.right[base+3], t.right[base+4] = true, true
	for _, o := range orders {
		row := []string{orderNumber(o)}
		if showID {
			row = append(row, o.ID)
		}
		items := ""
		if n := o.Units(); n > 0 {
			items = strconv.Itoa(n)
		}
		row = append(row, statusText(o.Status), when(o.Created), customerText(o.Customer), items, money(o.Total, o.Currency))
		t.add(row...)
	}
	if len(orders) == 0 {
		fmt.Fprintf(a.out, "%s: no orders on page %d\n", s.Name(), page)
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
	_, err := fmt.Fprintf(a.out, "\n%s: %s\n", s.Name(), strings.Join(foot, " · "))
	return err
}

func orderNumber(o backend.Order) string {
	if o.Number != "" {
		return o.Number
	}
	return o.ID
}

func customerText(c backend.Customer) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Email
}
