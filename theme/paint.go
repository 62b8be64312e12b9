package theme

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Paint is an inline style reduced to the escape sequences that open and
// close it. Rendering is two string concatenations instead of a Lip Gloss
// layout pass, which matters on the drawing path: a frame paints a few
// hundred spans. Paints are made once per theme by NewStyles.
type Paint struct {
	open, close string
}

// marker is a private-use character Lip Gloss passes through unchanged.
const marker = "\uE000"

// PaintOf reduces a style without width, padding, margins or borders to a
// Paint.
func PaintOf(s lipgloss.Style) Paint {
	out := s.Render(marker)
	i := strings.Index(out, marker)
	if i < 0 {
		return Paint{}
	}
	return Paint{open: out[:i], close: out[i+len(marker):]}
}

// Render paints s. Like Lip Gloss it accepts several strings and joins
// them with spaces.
func (p Paint) Render(strs ...string) string {
	s := strings.Join(strs, " ")
	if p.open == "" {
		return s
	}
	return p.open + s + p.close
}
