package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"

	"github.com/orderdash/orderdash/backend"
)

// The state file: what the operator had on screen when they quit (the
// tab, each tab's filters and sort, where the detail pane sits) comes back on the
// next start. It is a convenience, never a source of errors: a missing,
// damaged or unknown file is ignored (one debug log line), and --fresh
// ignores it. cmd loads it before the dashboard starts; Run saves it after
// the program has stopped, so neither read nor write happens in Update.

// stateVersion changes when the file's meaning does; another version is
// ignored rather than misread.
const stateVersion = 1

// maxStateFile bounds what is read: the file is a few hundred bytes.
const maxStateFile = 256 << 10

// State is the state file's content.
type State struct {
	Version int `json:"version"`
	// Tab is the active tab: "all", "store:NAME" or "view:NAME".
	Tab string `json:"tab"`
	// Tabs are the tabs with filters, by the same names.
	Tabs map[string]TabState `json:"tabs,omitempty"`
	// Preview is the detail pane's place chosen with P: right or bottom.
	Preview string `json:"preview,omitempty"`
}

// TabState is one tab's filters.
type TabState struct {
	Filter string `json:"filter,omitempty"` // the / text as typed
	// Status is the f filter: its label and its codes (a store's tab) or
	// kinds (All stores, a view).
	Status *StatusState `json:"status,omitempty"`
	// Sort and Asc are the tab's o and O (backend.ViewSorts' names); no
	// sort is the tab's own (created, or a saved view's).
	Sort backend.SortField `json:"sort,omitempty"`
	Asc  bool              `json:"asc,omitempty"`
}

// StatusState is a status filter as saved.
type StatusState struct {
	Label string               `json:"label"`
	Codes []string             `json:"codes,omitempty"`
	Kinds []backend.StatusKind `json:"kinds,omitempty"`
}

// LoadState reads the state file at path; nil when there is none or it
// cannot be used (said on log at debug level, never on screen).
func LoadState(path string, log *slog.Logger) *State {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := readState(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			log.Debug("state file ignored", "path", path, "err", err)
		}
		return nil
	}
	return s
}

func readState(path string) (*State, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxStateFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxStateFile {
		return nil, fmt.Errorf("over %d bytes", maxStateFile)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("version %d, want %d", s.Version, stateVersion)
	}
	return &s, nil
}

// SaveState writes the state file (0600, its folder 0700), whole or not
// at all.
func SaveState(path string, s State) error {
	s.Version = stateVersion
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".state-*.json")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}

// tabName is a tab's name in the state file.
func (m *Model) tabName(t *tab) string {
	switch {
	case t.preset != nil:
		return "view:" + t.preset.Name
	case t.all:
		return "all"
	default:
		return "store:" + m.stores[t.store].b.Name()
	}
}

// snapshot is the state to save now.
func (m *Model) snapshot() State {
	s := State{Version: stateVersion, Tab: m.tabName(m.tab()), Preview: m.previewAt}
	for _, t := range m.tabs {
		var ts TabState
		ts.Filter = t.filter
		if t.sort != "" {
			ts.Sort, ts.Asc = t.sort, t.asc
		}
		if f := t.status; f != nil {
			ts.Status = &StatusState{Label: f.label, Codes: slices.Clone(f.codes), Kinds: slices.Clone(f.kinds)}
		}
		if ts != (TabState{}) {
			if s.Tabs == nil {
				s.Tabs = map[string]TabState{}
			}
			s.Tabs[m.tabName(t)] = ts
		}
	}
	return s
}

// restore puts a saved state back before the first read: a tab or store
// that is gone, or a status filter that no longer fits its tab, is left
// out.
func (m *Model) restore(s *State) {
	if s == nil {
		return
	}
	if s.Preview == "right" || s.Preview == "bottom" {
		m.previewAt = s.Preview
	}
	for i, t := range m.tabs {
		name := m.tabName(t)
		if name == s.Tab {
			m.active = i
		}
		ts, ok := s.Tabs[name]
		if !ok {
			continue
		}
		t.filter = backend.CleanLine(ts.Filter)
		if ts.Sort != "" && backend.CanSortView(ts.Sort) {
			// A sort this build does not know is left out.
			t.sort, t.asc = ts.Sort, ts.Asc
		}
		if st := ts.Status; st != nil {
			switch {
			case t.all && len(st.Kinds) > 0 && len(st.Codes) == 0:
				var kinds []backend.StatusKind
				for _, s := range st.Kinds {
					if k, err := backend.ParseKind(string(s)); err == nil && !slices.Contains(kinds, k) {
						kinds = append(kinds, k)
					}
				}
				if len(kinds) == len(st.Kinds) {
					t.status = &statusFilter{label: backend.CleanLine(st.Label), kinds: kinds}
				}
			case !t.all && len(st.Kinds) == 0 && len(st.Codes) > 0:
				t.status = &statusFilter{label: backend.CleanLine(st.Label), codes: slices.Clone(st.Codes)}
			}
		}
	}
}

// saveState writes the state on quit.
func (m *Model) saveState() {
	if m.opts.StatePath == "" {
		return
	}
	if err := SaveState(m.opts.StatePath, m.snapshot()); err != nil {
		m.log.Debug("state file not saved", "err", err)
	}
}
