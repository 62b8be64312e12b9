package main

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/lunasoft"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/ui"
)

// views are the dashboard's saved views: the config file's [[views]], or
// with the demo the demo's own (the file's name the file's stores).
func (a *app) views(useDemo bool) []ui.ViewTab {
	var vs []config.View
	switch {
	case useDemo:
		vs = demoViews()
	case a.file != nil:
		vs = a.file.Views
	}
	out := make([]ui.ViewTab, len(vs))
	for i, v := range vs {
		out[i] = ui.ViewTab{Name: v.Name, View: v.Query()}
	}
	return out
}

// demoViews are the demo's saved views, over every demo store: the late
// orders, most overdue first, and those to ship.
func demoViews() []config.View {
	return []config.View{
		{Name: "Late", Late: true, Sort: string(backend.SortDue), Asc: backend.SortDefaultAsc(backend.SortDue)},
		{Name: "To ship", Statuses: []string{string(backend.KindProcessing)}},
	}
}

// statusCodes are the status names a store of the platform may be in,
// known without asking it, for checking [[views]] statuses: a Lunasoft
// site's configured names (it has no status API). nil where only the
// store knows.
func statusCodes(platform string, cfg any) []string {
	if c, ok := cfg.(*lunasoft.Config); ok && platform == lunasoft.Platform {
		if len(c.Statuses) > 0 {
			return c.Statuses
		}
		return lunasoft.DefaultStatuses
	}
	return nil
}
