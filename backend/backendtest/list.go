package backendtest

import (
	"context"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

func (s *Store) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	if err := s.begin(ctx, OpList); err != nil {
		return backend.Page{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, q)
	caps := s.cfg.Caps
	size := q.PageSize
	if size <= 0 || caps.FixedPageSize {
		size = caps.DefaultPageSize
	}
	if size > caps.MaxPageSize {
		size = caps.MaxPageSize
	}
	off, err := s.offset(q.Cursor, size)
	if err != nil {
		return backend.Page{}, err
	}
	match := s.matching(q)
	page := backend.Page{Total: -1}
	if caps.Count {
		page.Total = len(match)
	}
	start := min(off, len(match)) // a huge offset must not wrap start+size round
	end := min(start+size, len(match))
	if start < len(match) {
		for _, o := range match[start:end] {
			page.Orders = append(page.Orders, listRow(*o))
		}
	}
	if end < len(match) {
		page.Next = s.cursor(end, size)
	}
	if s.cfg.Paging != Cursor {
		page.Number = off/size + 1
	}
	return page, nil
}

// offset decodes a cursor into a row offset.
func (s *Store) offset(cursor string, size int) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	bad := &backend.Error{Kind: backend.KindInvalidRequest, Store: s.cfg.Name, Op: "list orders", Message: "bad cursor " + strconv.Quote(cursor)}
	if s.cfg.Paging == Cursor {
		raw, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || !strings.HasPrefix(string(raw), "off:") {
			return 0, bad
		}
		n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "off:"))
		if err != nil || n < 0 {
			return 0, bad
		}
		return n, nil
	}
	n, ok := backend.PageNumber(cursor)
	if !ok {
		return 0, bad
	}
	return (n - 1) * size, nil
}

func (s *Store) cursor(off, size int) string {
	if s.cfg.Paging == Cursor {
		return base64.RawURLEncoding.EncodeToString([]byte("off:" + strconv.Itoa(off)))
	}
	return strconv.Itoa(off/size + 1)
}

func (s *Store) matching(q backend.Query) []*backend.Order {
	caps := s.cfg.Caps
	filtered := (caps.StatusFilter && len(q.Statuses) > 0) || (caps.EmailFilter && q.Email != "") ||
		(caps.Search && q.Search != "") || (caps.CreatedAfter && !q.CreatedAfter.IsZero()) ||
		(caps.UpdatedSince && !q.UpdatedSince.IsZero())
	src := s.orders
	if q.Asc {
		src = make([]*backend.Order, len(s.orders))
		for i, o := range s.orders {
			src[len(src)-1-i] = o
		}
	}
	if !filtered {
		return src
	}
	out := make([]*backend.Order, 0, len(src)/4)
	for _, o := range src {
		if caps.StatusFilter && len(q.Statuses) > 0 && !slices.Contains(q.Statuses, o.Status.Code) {
			continue
		}
		if caps.EmailFilter && q.Email != "" && !strings.Contains(strings.ToLower(o.Customer.Email), strings.ToLower(q.Email)) {
			continue
		}
		if caps.Search && q.Search != "" && o.ID != q.Search && o.Number != q.Search {
			continue
		}
		if caps.CreatedAfter && !q.CreatedAfter.IsZero() && o.Created.Before(q.CreatedAfter) {
			continue
		}
		if caps.UpdatedSince && !q.UpdatedSince.IsZero() && o.Updated.Before(q.UpdatedSince) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// listRow is what a list call returns: no items or history.
func listRow(o backend.Order) backend.Order {
	o.ItemCount = o.Units()
	o.Items = nil
	o.History = nil
	o.Detailed = false
	return o
}
