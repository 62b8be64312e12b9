package ui

// window is a list's cursor and the first of its rows on screen. The order
// table, the journal and the status picker scroll with it: Update moves
// the cursor and fits the window to the screen, View only reads it.
type window struct {
	cursor int
	offset int
}

// clampCursor keeps the cursor on one of n rows.
func (w *window) clampCursor(n int) {
	w.cursor = clampInt(w.cursor, 0, max(n-1, 0))
}

// fit keeps the cursor on one of n rows and inside a screen of h rows,
// with the screen as full as n allows.
func (w *window) fit(n, h int) {
	w.clampCursor(n)
	if h <= 0 {
		return
	}
	if w.cursor < w.offset {
		w.offset = w.cursor
	}
	if w.cursor >= w.offset+h {
		w.offset = w.cursor - h + 1
	}
	w.offset = clampInt(w.offset, 0, max(n-h, 0))
}

// reset puts the cursor on the first row, at the top.
func (w *window) reset() { *w = window{} }

// visible is the rows [start, end) of n on a screen of h rows.
func (w window) visible(n, h int) (start, end int) {
	start = clampInt(w.offset, 0, n)
	return start, min(start+max(h, 0), n)
}
