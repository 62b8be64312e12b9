package api2cartsim

import (
	"fmt"
	"strings"
)

// fieldTree is a parsed response_fields selector such as
// {return_code,result{order{order_id,status{id,name}}}}. A nil *fieldTree
// selects everything below it.
type fieldTree struct {
	all bool                  // "*": every field at this level
	sub map[string]*fieldTree // named fields; a nil value takes the whole field
}

// parseFields reads a response_fields value.
func parseFields(s string) (*fieldTree, error) {
	p := &fieldParser{s: strings.TrimSpace(s)}
	t, err := p.tree()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, fmt.Errorf("unexpected %q after the closing brace", p.s[p.i:])
	}
	return t, nil
}

type fieldParser struct {
	s string
	i int
}

func (p *fieldParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *fieldParser) tree() (*fieldTree, error) {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return nil, fmt.Errorf("expected '{' at %d", p.i)
	}
	p.i++
	t := &fieldTree{sub: map[string]*fieldTree{}}
	for {
		p.skipSpace()
		start := p.i
		for p.i < len(p.s) && !strings.ContainsRune("{},", rune(p.s[p.i])) {
			p.i++
		}
		name := strings.TrimSpace(p.s[start:p.i])
		if name == "" {
			return nil, fmt.Errorf("empty field name at %d", start)
		}
		var sub *fieldTree
		if p.i < len(p.s) && p.s[p.i] == '{' {
			var err error
			if sub, err = p.tree(); err != nil {
				return nil, err
			}
		}
		if name == "*" {
			t.all = true
		} else {
			t.sub[name] = sub
		}
		p.skipSpace()
		if p.i >= len(p.s) {
			return nil, fmt.Errorf("missing '}'")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return t, nil
		default:
			return nil, fmt.Errorf("unexpected %q at %d", p.s[p.i], p.i)
		}
	}
}

// child is the selection for one field of t.
func (t *fieldTree) child(name string) (*fieldTree, bool) {
	if t == nil {
		return nil, true
	}
	sub, ok := t.sub[name]
	if ok {
		return sub, true
	}
	return nil, t.all
}

// prune keeps what t selects of v, at every depth; lists are pruned
// element by element.
func prune(v any, t *fieldTree) any {
	if t == nil {
		return v
	}
	switch x := v.(type) {
	case obj:
		out := make(obj, len(t.sub))
		for k, val := range x {
			if sub, ok := t.child(k); ok {
				out[k] = prune(val, sub)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = prune(e, t)
		}
		return out
	}
	return v
}

// entityFields turns the deprecated params/exclude pair into a selection
// of entity fields. "force_all" takes every field but the excluded ones.
func entityFields(params, exclude string, all []string) *fieldTree {
	t := &fieldTree{sub: map[string]*fieldTree{}}
	names := splitList(params)
	for _, n := range names {
		if n == "force_all" {
			for _, f := range all {
				t.sub[f] = nil
			}
			for _, x := range splitList(exclude) {
				for _, f := range aliases(x) {
					delete(t.sub, f)
				}
			}
			return t
		}
	}
	for _, n := range names {
		for _, f := range aliases(n) {
			t.sub[f] = nil
		}
	}
	return t
}

// aliases expands params' group names.
func aliases(name string) []string {
	switch name {
	case "address":
		return []string{"shipping_address", "billing_address"}
	case "items":
		return []string{"order_products"}
	}
	return []string{name}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// defaultParams is API2Cart's default field set for orders: no dates.
const defaultParams = "order_id,customer,totals,address,items,bundles,status"

// orderFieldNames are the fields of orderJSON, for params=force_all.
var orderFieldNames = []string{"id", "order_id", "basket_id", "channel_id", "customer", "create_at",
	"modified_at", "currency", "shipping_address", "billing_address", "payment_method",
	"shipping_method", "shipping_methods", "status", "totals", "total", "discounts",
	"order_products", "bundles", "finished_time", "comment", "store_id", "warehouses_ids",
	"refunds", "gift_message", "order_details_url"}
