package theme

import (
	"charm.land/lipgloss/v2"
)

// Styles is every style the dashboard draws with, built once per theme by
// NewStyles. The UI never calls lipgloss.NewStyle on its drawing path.
type Styles struct {
	Palette Palette
	NoColor bool

	Text   lipgloss.Style
	Muted  lipgloss.Style
	Faint  lipgloss.Style
	Bold   lipgloss.Style
	Accent lipgloss.Style

	Success lipgloss.Style
	Warning lipgloss.Style
	Error   lipgloss.Style
	Pending lipgloss.Style

	// Header: the app name, badges and store tabs.
	App       lipgloss.Style
	DemoBadge lipgloss.Style
	ROBadge   lipgloss.Style
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	TabCount  lipgloss.Style
	TabSep    lipgloss.Style
	Rule      lipgloss.Style

	// Table.
	ColHeader         lipgloss.Style
	Row               lipgloss.Style
	RowSelected       lipgloss.Style
	RowMarked         lipgloss.Style // the mark glyph and the text of marked rows
	RowMarkedSelected lipgloss.Style
	Cursor            lipgloss.Style // the bar left of the selected row
	// Kind and KindSelected colour a status cell by kind name, on the
	// ordinary and the selected row.
	Kind            map[string]lipgloss.Style
	KindSelected    map[string]lipgloss.Style
	PendingSelected lipgloss.Style
	ErrorSelected   lipgloss.Style

	// Detail pane.
	PaneBorder lipgloss.Style
	PaneTitle  lipgloss.Style
	Section    lipgloss.Style
	Label      lipgloss.Style
	Value      lipgloss.Style
	Local      lipgloss.Style // the "local" source tag on a timeline entry
	Platform   lipgloss.Style

	// Dialogs: picker, confirm, bulk report, help.
	Dialog        lipgloss.Style
	DialogTitle   lipgloss.Style
	Item          lipgloss.Style
	ItemSelected  lipgloss.Style
	ItemDisabled  lipgloss.Style
	Button        lipgloss.Style
	ButtonFocused lipgloss.Style
	Input         lipgloss.Style
	InputFocused  lipgloss.Style
	InputCursor   lipgloss.Style

	// Status bar and footer.
	Bar       lipgloss.Style
	Key       lipgloss.Style
	KeyDesc   lipgloss.Style
	ErrorLine lipgloss.Style
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

	s := &Styles{Palette: p, NoColor: noColor}
	s.Text = c(p.Text)
	s.Muted = c(p.Muted)
	s.Faint = c(p.Faint)
	if noColor {
		s.Faint = s.Faint.Faint(true)
	}
	s.Bold = c(p.Text).Bold(true)
	s.Accent = c(p.Accent).Bold(true)
	s.Success = c(p.Success)
	s.Warning = c(p.Warning)
	s.Error = c(p.Error).Bold(true)
	s.Pending = c(p.Pending).Italic(true)

	s.App = c(p.Accent).Bold(true)
	s.DemoBadge = bg(c(p.SelectedFg).Bold(true), p.Warning).Padding(0, 1)
	s.ROBadge = bg(c(p.SelectedFg).Bold(true), p.Accent).Padding(0, 1)
	if noColor {
		s.DemoBadge = s.DemoBadge.Reverse(true)
		s.ROBadge = s.ROBadge.Reverse(true)
	}
	s.Tab = c(p.Muted)
	s.TabActive = c(p.Accent).Bold(true).Underline(true)
	s.TabCount = c(p.Faint)
	s.TabSep = c(p.Border)
	s.Rule = c(p.Border)

	s.ColHeader = bg(c(p.Muted).Bold(true), p.HeaderBg)
	s.Row = c(p.Text)
	s.RowSelected = bg(c(p.SelectedFg).Bold(true), p.SelectedBg)
	if noColor {
		s.RowSelected = s.RowSelected.Reverse(true)
	}
	s.RowMarked = c(p.Marked).Bold(true)
	s.RowMarkedSelected = bg(c(p.Marked).Bold(true), p.SelectedBg)
	if noColor {
		s.RowMarkedSelected = s.RowMarkedSelected.Reverse(true)
	}
	s.Cursor = bg(c(p.Accent).Bold(true), p.SelectedBg)
	if noColor {
		s.Cursor = s.Cursor.Reverse(true)
	}
	s.Kind = make(map[string]lipgloss.Style, len(KindNames))
	s.KindSelected = make(map[string]lipgloss.Style, len(KindNames))
	for _, k := range KindNames {
		st := c(p.Kind(k))
		if k == "failed" {
			st = st.Bold(true)
		}
		s.Kind[k] = st
		sel := bg(st.Bold(true), p.SelectedBg)
		if noColor {
			sel = sel.Reverse(true)
		}
		s.KindSelected[k] = sel
	}
	s.PendingSelected = bg(c(p.Pending).Italic(true).Bold(true), p.SelectedBg)
	s.ErrorSelected = bg(c(p.Error).Bold(true), p.SelectedBg)
	if noColor {
		s.PendingSelected = s.PendingSelected.Reverse(true)
		s.ErrorSelected = s.ErrorSelected.Reverse(true)
	}

	s.PaneBorder = c(p.Border)
	s.PaneTitle = c(p.Accent).Bold(true)
	s.Section = c(p.Muted).Bold(true).Underline(true)
	s.Label = c(p.Muted)
	s.Value = c(p.Text)
	s.Local = c(p.Marked)
	s.Platform = c(p.Muted)

	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if !noColor {
		s.Dialog = s.Dialog.BorderForeground(lipgloss.Color(p.Accent))
	}
	s.DialogTitle = c(p.Accent).Bold(true)
	s.Item = c(p.Text)
	s.ItemSelected = bg(c(p.SelectedFg).Bold(true), p.SelectedBg)
	if noColor {
		s.ItemSelected = s.ItemSelected.Reverse(true)
	}
	s.ItemDisabled = c(p.Faint).Strikethrough(false)
	if noColor {
		s.ItemDisabled = s.ItemDisabled.Faint(true)
	}
	s.Button = c(p.Muted).Padding(0, 1)
	s.ButtonFocused = bg(c(p.SelectedFg).Bold(true), p.Accent).Padding(0, 1)
	if noColor {
		s.ButtonFocused = s.ButtonFocused.Reverse(true)
	}
	s.Input = c(p.Text)
	s.InputFocused = c(p.Text).Underline(true)
	s.InputCursor = lipgloss.NewStyle().Reverse(true)

	s.Bar = c(p.Muted)
	s.Key = c(p.Accent).Bold(true)
	s.KeyDesc = c(p.Faint)
	if noColor {
		s.KeyDesc = lipgloss.NewStyle()
	}
	s.ErrorLine = c(p.Error).Bold(true)
	return s
}

// KindStyle returns the style of a status kind, falling back to "other".
func (s *Styles) KindStyle(kind string, selected bool) lipgloss.Style {
	m := s.Kind
	if selected {
		m = s.KindSelected
	}
	if st, ok := m[kind]; ok {
		return st
	}
	return m["other"]
}
