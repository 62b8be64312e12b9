package main

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/storage/pgstore"
)

// In team mode the mirror is in PostgreSQL: what one machine's `sync`
// reads, another machine's `search` finds without a sync of its own, and
// neither keeps a database file.
func TestTeamMirrorIsShared(t *testing.T) {
	url := teamURL(t, "Pa55-mirror")
	text := simConfig(t, "\n[storage]\nurl = \""+url+"\"\n")
	t.Setenv("OD_CS_KEY", rightKey)
	t.Setenv("OD_LUNA_KEY", rightKey)

	one := newSandbox(t)
	cfg := one.writeConfig(text, 0o600)
	r := one.run("--config", cfg, "sync")
	mustCode(t, r, 0)
	if strings.Count(r.stdout, "first fill") != 2 {
		t.Fatalf("sync:\n%s", r)
	}
	r = one.run("--config", cfg, "info")
	mustCode(t, r, 0)
	for _, want := range []string{"MIRROR (PostgreSQL)", "Marketplace EU", "Lunasoft site", "up to date", "mirror)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, r.stdout)
		}
	}
	r = one.run("--config", cfg, "search", "--json", "example")
	mustCode(t, r, 0)
	found := decodeJSON[[]map[string]any](t, r.stdout)
	if len(found) == 0 {
		t.Fatalf("search on the syncing machine found nothing:\n%s", r)
	}
	email := found[0]["customer"].(map[string]any)["email"].(string)

	// Another operator's machine: the same team database, no sync.
	two := newSandbox(t)
	cfg2 := two.writeConfig(text, 0o600)
	r = two.run("--config", cfg2, "search", "--json", email)
	mustCode(t, r, 0)
	got := decodeJSON[[]map[string]any](t, r.stdout)
	if len(got) == 0 || got[0]["source"] != "mirror" {
		t.Fatalf("the other machine does not find %s in the shared mirror:\n%s", email, r)
	}
	for _, sb := range []*sandbox{one, two} {
		filepath.WalkDir(sb.home, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".db") {
				t.Errorf("team mode wrote a database file: %s", p)
			}
			return nil
		})
	}
}

// A store another orderdash is syncing is left to it: `sync` says so.
func TestTeamSyncLeavesAStoreToItsSyncer(t *testing.T) {
	url := teamURL(t, "Pa55-lease")
	sb := newSandbox(t)
	cfg := sb.writeConfig(simConfig(t, "\n[storage]\nurl = \""+url+"\"\n"), 0o600)
	t.Setenv("OD_CS_KEY", rightKey)
	t.Setenv("OD_LUNA_KEY", rightKey)
	other, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	release, ok, err := other.LockSync(context.Background(), "Lunasoft site")
	if err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	defer release()
	r := sb.run("--config", cfg, "sync")
	mustCode(t, r, 0)
	var cs, lu string
	for _, l := range strings.Split(r.stdout, "\n") {
		switch {
		case strings.Contains(l, "Marketplace EU"):
			cs = l
		case strings.Contains(l, "Lunasoft site"):
			lu = l
		}
	}
	if !strings.Contains(cs, "first fill") || !strings.Contains(lu, "by another orderdash") {
		t.Errorf("sync with Lunasoft site synced elsewhere:\n%s", r)
	}
}
