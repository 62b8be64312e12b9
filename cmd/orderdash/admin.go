package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"runtime"

	"github.com/orderdash/orderdash/backend"
)

// adminURLs maps each configured store to its admin_url ([[stores]]);
// stores without one are absent. The demo's stores, once started, have
// the simulators' own admin pages.
func (a *app) adminURLs(useDemo bool) map[string]string {
	out := map[string]string{}
	if useDemo {
		maps.Copy(out, a.demoAdmin)
		return out
	}
	if a.file == nil {
		return out
	}
	for _, s := range a.file.Stores {
		if s.AdminURL != "" {
			out[s.Name] = s.AdminURL
		}
	}
	return out
}

// adminLink is the order's page in its store's admin, or why there is none.
func (a *app) adminLink(store string, o backend.Order) (string, error) {
	tmpl, ok := a.adminURLs(a.useDemo())[store]
	if !ok {
		return "", fmt.Errorf("store %s has no admin_url: set admin_url in its [[stores]] entry (see config.example.toml)", store)
	}
	return backend.AdminLink(tmpl, o), nil
}

// errNoBrowser says why no browser could be opened; the dashboard then
// shows the URL for the operator to copy.
var errNoBrowser = errors.New("no browser here (no DISPLAY or WAYLAND_DISPLAY: an SSH session?)")

// openInBrowser hands url to the desktop's opener (xdg-open, open, or
// start) without waiting for the browser, and without letting it write
// to the terminal the dashboard owns.
func openInBrowser(_ context.Context, url string) error {
	name, args := browserCommand(runtime.GOOS, os.Getenv)
	if name == "" {
		return errNoBrowser
	}
	// Not bound to a context: the opener hands the URL on and exits, and
	// killing it when the dashboard's command returns would lose the page.
	cmd := exec.Command(name, append(args, url)...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open a browser with %s: %w", name, err)
	}
	go func() { _ = cmd.Wait() }() // reap it; its outcome is the browser's business
	return nil
}

// browserCommand is the program that opens a URL on goos, or "" where
// there is no graphical session to open it in.
func browserCommand(goos string, getenv func(string) string) (string, []string) {
	switch goos {
	case "darwin":
		if getenv("SSH_CONNECTION") != "" {
			return "", nil
		}
		return "open", nil
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return "", nil
	}
	if _, err := exec.LookPath("xdg-open"); err != nil {
		return "", nil
	}
	return "xdg-open", nil
}
