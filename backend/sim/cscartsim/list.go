package cscartsim

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend/sim"
)

// listParams is GET /orders as fn_get_orders reads its parameters.
type listParams struct {
	page, perPage     int
	sortBy, sortOrder string
	statuses          []string
	email             string
	updatedFrom       int64
	updatedTo         int64
	hasFrom, hasTo    bool
	orderIDs          map[string]bool
	userID            string
	includeIncomplete bool
	full              bool
	echo              map[string]any // filters echoed back in "params"
}

// queryArray reads name, name[] and name[k] as one list, as PHP does.
func queryArray(q url.Values, name string) ([]string, bool) {
	var out []string
	found := false
	for k, vs := range q {
		if k == name || k == name+"[]" || (strings.HasPrefix(k, name+"[") && strings.HasSuffix(k, "]")) {
			found = true
			for _, v := range vs {
				if v != "" {
					out = append(out, v)
				}
			}
		}
	}
	slices.Sort(out)
	return out, found
}

func parseList(q url.Values) listParams {
	p := listParams{page: 1, perPage: 10, sortBy: "date", sortOrder: "desc", echo: map[string]any{}}
	if v := q.Get("page"); !phpEmptyString(v) {
		if n := phpInt(v); n > 1 {
			p.page = int(min(n, 1<<30))
		}
	}
	if _, ok := q["items_per_page"]; ok {
		// 0, "" and non-numbers read as 0: no LIMIT, every order.
		p.perPage = int(max(min(phpInt(q.Get("items_per_page")), 1<<30), 0))
	}
	switch v := q.Get("sort_by"); v {
	case "date", "order_id", "status", "total", "customer", "email":
		p.sortBy = v
	}
	if strings.EqualFold(q.Get("sort_order"), "asc") {
		p.sortOrder = "asc"
	}
	if st, ok := queryArray(q, "status"); ok && len(st) > 0 {
		p.statuses = st
		p.echo["status"] = st
	}
	if v := q.Get("email"); v != "" {
		p.email = strings.ToLower(v)
		p.echo["email"] = v
	}
	if v := q.Get("updated_at_from"); !phpEmptyString(v) {
		p.updatedFrom, p.hasFrom = phpInt(v), true
		p.echo["updated_at_from"] = v
	}
	if v := q.Get("updated_at_to"); !phpEmptyString(v) {
		p.updatedTo, p.hasTo = phpInt(v), true
		p.echo["updated_at_to"] = v
	}
	if v := q.Get("order_id"); v != "" {
		p.orderIDs = map[string]bool{}
		for _, id := range strings.Split(v, ",") {
			p.orderIDs[strconv.FormatInt(phpInt(id), 10)] = true
		}
		p.echo["order_id"] = v
	}
	if v := q.Get("user_id"); v != "" {
		p.userID = strconv.FormatInt(phpInt(v), 10)
		p.echo["user_id"] = v
	}
	p.includeIncomplete = !phpEmptyString(q.Get("include_incompleted"))
	p.full = !phpEmptyString(q.Get("get_orders_data"))
	return p
}

func (p listParams) match(o *order) bool {
	if p.statuses != nil {
		if !slices.Contains(p.statuses, o.status) {
			return false
		}
	} else if o.status == "N" && !p.includeIncomplete {
		return false // incomplete orders are hidden unless asked for
	}
	if p.email != "" && !strings.Contains(strings.ToLower(o.base.Email), p.email) {
		return false
	}
	if p.hasFrom && o.updated < p.updatedFrom {
		return false
	}
	if p.hasTo && o.updated > p.updatedTo {
		return false
	}
	if p.orderIDs != nil && !p.orderIDs[o.idStr] {
		return false
	}
	if p.userID != "" && o.userID() != p.userID {
		return false
	}
	return true
}

func (p listParams) compare(a, b *order) int {
	var c int
	switch p.sortBy {
	case "date":
		c = cmp.Compare(a.base.Created.Unix(), b.base.Created.Unix())
	case "status":
		c = cmp.Compare(a.status, b.status)
	case "total":
		c = cmp.Compare(a.base.TotalCents(), b.base.TotalCents())
	case "customer":
		c = cmp.Or(
			cmp.Compare(strings.ToLower(a.base.Last), strings.ToLower(b.base.Last)),
			cmp.Compare(strings.ToLower(a.base.First), strings.ToLower(b.base.First)))
	case "email":
		c = cmp.Compare(strings.ToLower(a.base.Email), strings.ToLower(b.base.Email))
	}
	c = cmp.Or(c, cmp.Compare(a.id, b.id))
	if p.sortOrder == "desc" {
		c = -c
	}
	return c
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	p := parseList(r.URL.Query())
	s.mu.RLock()
	matched := make([]*order, 0, len(s.orders))
	for _, o := range s.orders {
		if p.match(o) {
			matched = append(matched, o)
		}
	}
	slices.SortFunc(matched, p.compare)
	page := matched
	if p.perPage > 0 {
		start := min((p.page-1)*p.perPage, len(matched))
		page = matched[start:min(start+p.perPage, len(matched))]
	}
	rows := make([]any, len(page))
	for i, o := range page {
		if p.full {
			rows[i] = o.detail()
		} else {
			rows[i] = o.short()
		}
	}
	s.mu.RUnlock()

	params := p.echo
	params["page"] = p.page
	params["items_per_page"] = strconv.Itoa(p.perPage)
	params["sort_by"] = p.sortBy
	params["sort_order"] = p.sortOrder
	params["sort_order_rev"] = map[string]string{"asc": "desc", "desc": "asc"}[p.sortOrder]
	params["total_items"] = strconv.Itoa(len(matched))
	sim.WriteJSON(w, http.StatusOK, map[string]any{"orders": rows, "params": params})
}
