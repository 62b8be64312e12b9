package theme

import (
	"charm.land/lipgloss/v2"
)

// Styles is every style the dashboard draws with, built once per theme by
// NewStyles. The UI never calls lipgloss.NewStyle on its drawing path.
type Styles struct {
	Palette Palette
	NoColor bool

	Muted  Paint
	Faint  Paint
	Bold   Paint
	Accent Paint

	Success Paint
	Warning Paint
	Error   Paint
	Pending Paint

	// Header: the app name, badges and store tabs.
	App       Paint
	DemoBadge lipgloss.Style
	ROBadge   lipgloss.Style
	Tab       Paint
	TabActive Paint
	TabCount  Paint
	TabSep    Paint

	// Table.
	ColHeader         Paint
	Row               Paint
	RowSelected       Paint
	RowMarked         Paint // the mark glyph and the text of marked rows
	RowMarkedSelected Paint
	Cursor            Paint // the bar left of the selected row
	// Kind and KindSelected colour a status cell by kind name, on the
	// ordinary and the selected row.
	Kind            map[string]Paint
	KindSelected    map[string]Paint
	PendingSelected Paint
	ErrorSelected   Paint

	// Detail pane.
	PaneBorder Paint
	PaneTitle  Paint
	Section    Paint
	Label      Paint
	Value      Paint
	Local      Paint // the "local" source tag on a timeline entry
	Platform   Paint

	// Dialogs: picker, confirm, bulk report, help.
	DialogTitle   Paint
	ItemSelected  Paint
	ItemDisabled  Paint
	Button        lipgloss.Style
	ButtonFocused lipgloss.Style
	Input         Paint
	InputFocused  Paint
	InputCursor   Paint

	// Status bar and footer.
	Bar       Paint
	Key       Paint
	KeyDesc   Paint
	ErrorLine Paint
}

// NewStyles builds the styles for a palette. With noColor (NO_COLOR set)
// every colour is dropped and emphasis comes from bold, underline and
// reverse video alone; the UI never relies on colour to carry meaning.
func NewStyles(p Palette, noColor bool) *Styles {
	c := func(s string) lipgloss.Style {
		st := lipgloss.NewStyle()
		if noColor || s == "" {
			return st
		}
		return st.Foreground(lipgloss.Color(s))
	}
	bg := func(st lipgloss.Style, s string) lipgloss.Style {
		if noColor || s == "" {
			return st
		}
		return st.Background(lipgloss.Color(s))
	}
	// sel is the selected-row variant of a style: on the selection's
	// background, or in reverse video without colour.
	sel := func(st lipgloss.Style) lipgloss.Style {
		if noColor {
			return st.Reverse(true)
		}
		return bg(st, p.SelectedBg)
	}
	P := PaintOf

	s := &Styles{Palette: p, NoColor: noColor}
	s.Muted = P(c(p.Muted))
	if noColor {
		s.Faint = P(lipgloss.NewStyle().Faint(true))
	} else {
		s.Faint = P(c(p.Faint))
	}
	s.Bold = P(c(p.Text).Bold(true))
	s.Accent = P(c(p.Accent).Bold(true))
	s.Success = P(c(p.Success))
	s.Warning = P(c(p.Warning))
	s.Error = P(c(p.Error).Bold(true))
	s.Pending = P(c(p.Pending).Italic(true))

	s.App = P(c(p.Accent).Bold(true))
	s.DemoBadge = bg(c(p.SelectedFg).Bold(true), p.Warning).Padding(0, 1)
	s.ROBadge = bg(c(p.SelectedFg).Bold(true), p.Accent).Padding(0, 1)
	if noColor {
		s.DemoBadge = s.DemoBadge.Reverse(true)
		s.ROBadge = s.ROBadge.Reverse(true)
	}
	s.Tab = P(c(p.Muted))
	s.TabActive = P(c(p.Accent).Bold(true).Underline(true))
	s.TabCount = P(c(p.Faint))
	s.TabSep = P(c(p.Border))

	s.ColHeader = P(bg(c(p.Muted).Bold(true), p.HeaderBg))
	s.Row = P(c(p.Text))
	s.RowSelected = P(sel(c(p.SelectedFg).Bold(true)))
	s.RowMarked = P(c(p.Marked).Bold(true))
	s.RowMarkedSelected = P(sel(c(p.Marked).Bold(true)))
	s.Cursor = P(sel(c(p.Accent).Bold(true)))
	s.Kind = make(map[string]Paint, len(KindNames))
	s.KindSelected = make(map[string]Paint, len(KindNames))
	for _, k := range KindNames {
		st := c(p.Kind(k))
		if k == "failed" {
			st = st.Bold(true)
		}
		s.Kind[k] = P(st)
		s.KindSelected[k] = P(sel(st.Bold(true)))
	}
	s.PendingSelected = P(sel(c(p.Pending).Italic(true).Bold(true)))
	s.ErrorSelected = P(sel(c(p.Error).Bold(true)))

	s.PaneBorder = P(c(p.Border))
	s.PaneTitle = P(c(p.Accent).Bold(true))
	s.Section = P(c(p.Muted).Bold(true).Underline(true))
	s.Label = P(c(p.Muted))
	s.Value = P(c(p.Text))
	s.Local = P(c(p.Marked))
	s.Platform = P(c(p.Muted))

	s.DialogTitle = P(c(p.Accent).Bold(true))
	s.ItemSelected = P(sel(c(p.SelectedFg).Bold(true)))
	if noColor {
		s.ItemDisabled = P(lipgloss.NewStyle().Faint(true))
	} else {
		s.ItemDisabled = P(c(p.Faint))
	}
	s.Button = c(p.Muted).Padding(0, 1)
	s.ButtonFocused = bg(c(p.SelectedFg).Bold(true), p.Accent).Padding(0, 1)
	if noColor {
		s.ButtonFocused = s.ButtonFocused.Reverse(true)
	}
	s.Input = P(c(p.Text))
	s.InputFocused = P(c(p.Text).Underline(true))
	s.InputCursor = P(lipgloss.NewStyle().Reverse(true))

	s.Bar = P(c(p.Muted))
	s.Key = P(c(p.Accent).Bold(true))
	if noColor {
		s.KeyDesc = Paint{}
	} else {
		s.KeyDesc = P(c(p.Faint))
	}
	s.ErrorLine = P(c(p.Error).Bold(true))
	return s
}

// KindStyle returns the paint of a status kind, falling back to "other".
func (s *Styles) KindStyle(kind string, selected bool) Paint {
	m := s.Kind
	if selected {
		m = s.KindSelected
	}
	if st, ok := m[kind]; ok {
		return st
	}
	return m["other"]
}
