package pgstore

import (
	"math"
	"strconv"
	"strings"
)

// lateDueLateral: a late view's first screen by due is read by
// lateDueTop; false (tests: the reference) as any other window.
var lateDueLateral = true

// lateDueTop is the SQL of a late view's first screen sorted by due (no
// anchor, no text): its ranges as rows of a VALUES list, each read by
// one LATERAL subquery on mirror_store_kind_since (n rows from its
// start, in due order), merged under one ORDER BY ... LIMIT. The same
// rows as one UNION part per range (query), but PostgreSQL plans two
// subqueries instead of ~18 for 3 stores: 0.5-0.8 ms of planning against
// 4-6 (6 against 12-15 on a connection's first query), and half the
// execution; BenchmarkPGMirrorLate's first screen at 100k orders takes
// 1.1 ms against 3.6, a fresh connection's 13-17 against 24. Anchored
// screens keep the parts: each range's keyset differs by its store's
// place against the anchor's.
// where are the view's other filters (on a).
func lateDueTop(arms []arm, where []string, up bool, n int, a *args) string {
	dir := " DESC"
	if up {
		dir = " ASC"
	}
	order := "since" + dir + ", id" + dir
	var limited, byDate []string
	for _, ar := range arms {
		l := ar.late
		shift := strconv.FormatInt(l.shift, 10) + "::bigint"
		if !l.byDate {
			limited = append(limited, "("+a.add(l.store)+"::text, "+a.add(l.kind)+"::text, "+shift+", "+a.add(l.cutoff)+"::bigint)")
			continue
		}
		cutoff := int64(math.MinInt64) // no limit: never late by one
		if l.limited {
			cutoff = l.cutoff
		}
		byDate = append(byDate, "("+a.add(l.store)+"::text, "+a.add(l.kind)+"::text, "+shift+", "+a.add(l.now)+"::bigint, "+
			a.add(cutoff)+"::bigint)")
	}
	filter := ""
	if len(where) > 0 {
		filter = " AND " + strings.Join(where, " AND ")
	}
	lim := a.add(n)
	var parts []string
	if len(limited) > 0 {
		parts = append(parts, "SELECT l.store, l.id, l.since + r.shift AS sortv FROM (VALUES "+strings.Join(limited, ", ")+
			") AS r(store, kind, shift, cutoff) CROSS JOIN LATERAL (SELECT since, store, id FROM mirror WHERE store = r.store AND kind = r.kind"+
			" AND since > 0 AND since < r.cutoff"+filter+" ORDER BY "+order+" LIMIT "+lim+") AS l")
	}
	if len(byDate) > 0 {
		parts = append(parts, "SELECT l.store, l.id, l.since + r.shift AS sortv FROM (VALUES "+strings.Join(byDate, ", ")+
			") AS r(store, kind, shift, now, cutoff) CROSS JOIN LATERAL (SELECT since, store, id FROM mirror WHERE store = r.store AND kind = r.kind"+
			" AND dispatch_by > 0 AND dispatch_by < r.now AND NOT (since > 0 AND since < r.cutoff)"+filter+" ORDER BY "+order+" LIMIT "+lim+") AS l")
	}
	keys := "sortv" + dir + ", store" + dir + ", id" + dir
	return "SELECT m." + strings.ReplaceAll(rowCols, ", ", ", m.") + ", k.sortv FROM ((" + strings.Join(parts, ") UNION ALL (") +
		") ORDER BY " + keys + " LIMIT " + lim + ") AS k JOIN mirror m ON m.store = k.store AND m.id = k.id ORDER BY " +
		"k.sortv" + dir + ", k.store" + dir + ", k.id" + dir
}
