package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// mirrorOptions are the sync's options from [storage].
func (a *app) mirrorOptions() mirror.Options {
	s := a.storageConfig()
	return mirror.Options{SyncDays: s.SyncWindow(), Keep: s.KeepFinal(), Log: a.log}
}

// startSync keeps the mirror fresh in the background while the dashboard
// runs, and returns its reports for the dashboard's status bar and the
// function that asks for a store's pass at once. The mirror is the
// database's (PostgreSQL's in team mode, where the team's processes take
// turns per store); without a usable database it fills the run's mirror
// in memory. The returned stop function stops it and waits.
func (a *app) startSync(ctx context.Context, useDemo bool, stores []backend.Backend) (ui.SyncReports, func(string), func()) {
	var db storage.MirrorSync
	st, err := a.journalStore(ctx, useDemo)
	if err == nil {
		db = st
	} else {
		db, err = a.memoryMirror(ctx)
	}
	if err != nil || len(stores) == 0 {
		return nil, nil, func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	opt := a.mirrorOptions()
	reports := mirror.NewReports()
	opt.Progress = func(p backend.SyncProgress) {
		if p.Err != "" {
			a.log.Debug("sync", "store", p.Store, "phase", p.Phase, "err", p.Err)
		}
		reports.Report(p)
	}
	// R, the [ui] refresh and a store's own beat start its pass at once.
	waker := mirror.NewWaker()
	opt.Waker = waker
	go func() {
		defer close(done)
		mirror.Run(ctx, db, stores, opt)
	}()
	return reports, waker.Wake, func() {
		cancel()
		<-done
	}
}

// writeMirror writes the mirror's table for `orderdash info`: per store,
// its orders, the open ones, and how old it is. A database not created
// yet, or one that cannot be read, shows nothing here (the database line
// above says why).
func writeMirror(ctx context.Context, w io.Writer, path string, now time.Time) error {
	// Inspect, not Open: info only reports (no file, lock or upgrade).
	in, err := storage.Inspect(ctx, path)
	if err != nil {
		return nil
	}
	return writeMirrorStats(w, "MIRROR", in.Mirror, now)
}

// writeMirrorStats writes the mirror's table (nothing for no stores).
func writeMirrorStats(w io.Writer, title string, stats []storage.MirrorStat, now time.Time) error {
	if len(stats) == 0 {
		return nil
	}
	t := &table{header: []string{title, "ORDERS", "OPEN", "SYNCED", "STATE"}, right: map[int]bool{1: true, 2: true}}
	for _, s := range stats {
		t.add(s.Store, fmt.Sprint(s.Orders), fmt.Sprint(s.Open), age(s.LastSync, now), syncState(s.SyncState))
	}
	fmt.Fprintln(w)
	return t.write(w)
}

// age says how long ago t was, "never" for the zero time.
func age(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := max(now.Sub(t), 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}

// syncState says in a few words where a store's sync stands.
func syncState(st storage.SyncState) string {
	var parts []string
	switch {
	case st.Pass.Active() && st.Pass.Full:
		parts = append(parts, "first fill under way ("+progress(st.Pass)+")")
	case st.Pass.Active():
		parts = append(parts, "pass under way ("+progress(st.Pass)+")")
	case st.LastSync.IsZero():
		parts = append(parts, "not filled yet")
	default:
		parts = append(parts, "up to date")
	}
	if st.LastError != "" {
		parts = append(parts, "last error: "+st.LastError)
	}
	return backend.CleanLine(strings.Join(parts, "; "))
}

func progress(p storage.SyncPass) string {
	if p.Total >= 0 {
		return fmt.Sprintf("%d of %d", p.Done, p.Total)
	}
	return fmt.Sprintf("%d read", p.Done)
}
