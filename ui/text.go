package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fit returns s cut or padded to exactly w cells, left-aligned. Widths are
// measured in terminal cells (wide characters, emoji), never bytes.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// fitRight is fit, right-aligned.
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s = strings.Repeat(" ", w-sw) + s
	}
	return s
}

// clip cuts s to at most w cells without padding.
func clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// width is the cell width of s (styled or not).
func width(s string) int { return ansi.StringWidth(s) }

// padLine pads a styled line to w cells, or cuts it.
func padLine(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "")
	}
	if sw < w {
		return s + strings.Repeat(" ", w-sw)
	}
	return s
}

// wrapText wraps cleaned text to w cells, breaking words that are longer
// than a line, and returns the lines.
func wrapText(s string, w int) []string { return wrapAt(s, w, "") }

// wrapValue wraps a field's value (an e-mail, an address, a SKU) to w
// cells: at spaces first, then after the characters such values break at
// ("@", ".", "-", "_", "/"), and only inside a run without any of them.
func wrapValue(s string, w int) []string { return wrapAt(s, w, "@.-_/") }

// wrapAt wraps each line of s to w cells, at spaces or after one of
// breaks, and cuts a run longer than a line.
func wrapAt(s string, w int, breaks string) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, breaks), "\n")...)
	}
	return out
}

// plural returns "1 order" / "3 orders".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// splice lays over (w cells wide) onto base at column x. Both are styled
// lines; a wide character cut in two at either edge becomes a space, so
// the line keeps its width.
func splice(base, over string, x, w int) string {
	total := ansi.StringWidth(base)
	left := ansi.Truncate(base, x, "")
	if lw := ansi.StringWidth(left); lw < x {
		left += strings.Repeat(" ", x-lw)
	}
	right := ansi.TruncateLeft(base, x+w, "")
	want := max(total-x-w, 0)
	if ansi.StringWidth(right) > want {
		right = " " + ansi.TruncateLeft(base, x+w+1, "")
	}
	return left + "\x1b[m" + padLine(over, w) + "\x1b[m" + right
}
