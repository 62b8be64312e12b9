package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/orderdash/orderdash/backend"
)

// writeJSON prints v as indented JSON. encoding/json already escapes C0
// controls (ESC among them) and U+2028/2029; writeJSON also escapes C1
// controls and bidi overrides, which some terminals act on, so what a store
// sent cannot steer the terminal even in JSON. The value is unchanged.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	_, err := w.Write(escapeControls(buf.Bytes()))
	return err
}

func escapeControls(b []byte) []byte {
	if isASCII(b) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if (r >= 0x80 && r < 0xa0) || backend.IsBidiControl(r) {
			// These runes only occur inside JSON strings, where \u escapes
			// mean the same rune.
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.Bytes()
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// table prints aligned columns. Every cell is cleaned with
// backend.CleanLine, so store text cannot carry escape sequences to the
// terminal, and is measured in terminal cells, so wide characters align.
type table struct {
	header []string
	rows   [][]string
	right  map[int]bool // right-aligned columns (money, counts)
	max    map[int]int  // columns cut to this many cells
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	all := append([][]string{t.header}, t.rows...)
	widths := make([]int, len(t.header))
	for _, row := range all {
		for i := range row {
			row[i] = backend.CleanLine(row[i])
			if m := t.max[i]; m > 0 && ansi.StringWidth(row[i]) > m {
				row[i] = ansi.Truncate(row[i], m, "…")
			}
			widths[i] = max(widths[i], ansi.StringWidth(row[i]))
		}
	}
	var b strings.Builder
	for _, row := range all {
		var line strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-ansi.StringWidth(cell))
			last := i == len(row)-1
			if t.right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
			if !last {
				line.WriteString("  ")
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// fields prints "label  value" lines with the labels aligned, skipping
// empty values; values are cleaned like table cells.
type fields struct {
	rows [][2]string
}

func (f *fields) add(label, value string) {
	if strings.TrimSpace(value) != "" {
		f.rows = append(f.rows, [2]string{label, value})
	}
}

func (f *fields) write(w io.Writer) error {
	width := 0
	for _, r := range f.rows {
		width = max(width, len(r[0]))
	}
	var b strings.Builder
	for _, r := range f.rows {
		fmt.Fprintf(&b, "%-*s  %s\n", width, r[0], backend.CleanLine(r[1]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// when prints a time in the local zone, to the minute; "" for zero.
func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

// statusText is "Processed (P)", or just the code when there is no name.
func statusText(s backend.Status) string {
	if s.Name == "" || s.Name == s.Code {
		return s.Code
	}
	return s.Name + " (" + s.Code + ")"
}

func money(amount, currency string) string {
	return strings.TrimSpace(backend.Amount(amount) + " " + currency)
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
