package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

const viewStores = `
[[stores]]
name = "Marketplace EU"
platform = "cscart"
url = "https://shop.example.com/api"
api_key_env = "TEST_CSCART_KEY"

[[stores]]
name = "Luna"
platform = "lunasoft"
url = "https://luna.example.com/api"
api_key_env = "TEST_LUNA_KEY"
`

func loadViews(t *testing.T, views string) (*File, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(views+viewStores), 0o600); err != nil {
		t.Fatal(err)
	}
	l, _ := testLoader(testEnv)
	l.StatusCodes = func(platform string, cfg any) []string {
		if c, ok := cfg.(*lunasoftConfig); ok {
			return append([]string{"Awaiting Pickup"}, c.Statuses...)
		}
		return nil
	}
	return l.Load(p)
}

func TestViewsLoad(t *testing.T) {
	f, err := loadViews(t, `
[[views]]   # before the stores it names: checked once they are known
name = "To ship"
stores = ["marketplace eu", "Luna"]
statuses = ["processing", "B"]
late = true
sort = "updated"
search = " maria "
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Views) != 1 {
		t.Fatalf("views: %+v", f.Views)
	}
	v := f.Views[0]
	want := backend.View{Stores: []string{"Marketplace EU", "Luna"}, Kinds: []backend.StatusKind{backend.KindProcessing},
		Statuses: []string{"B"}, Late: true, Sort: backend.SortUpdated, Text: "maria"}
	if got := v.Query(); !reflect.DeepEqual(got, want) {
		t.Errorf("query %+v, want %+v", got, want)
	}
	if v.Line != 2 {
		t.Errorf("line %d, want 2", v.Line)
	}
}

func TestViewErrors(t *testing.T) {
	tests := []struct{ views, want string }{
		{"[[views]]\nname = \"A\"\nstores = [\"Marketplace UE\"]\n", `config.toml:3: stores in view "A": no store is called "Marketplace UE" (did you mean "Marketplace EU"?)`},
		{"[[views]]\nname = \"A\"\nstatuses = [\"procesing\"]\n", `config.toml:3: statuses in view "A": "procesing" is no status kind or status of its stores (did you mean "processing"?)`},
		// Luna's statuses are known: a near miss of one is an error.
		{"[[views]]\nname = \"A\"\nstores = [\"Luna\"]\nstatuses = [\"Awaiting Pikcup\"]\n", `config.toml:4: statuses in view "A": "Awaiting Pikcup" is no status kind or status of its stores (did you mean "Awaiting Pickup"?)`},
		{"[[views]]\nname = \"A\"\nsort = \"craeted\"\n", `config.toml:3: sort in view "A": "craeted" is not a field a view sorts by (did you mean "created"?)`},
		{"[[views]]\nname = \"A\"\nlate = \"yes\"\n", `config.toml:3: views.late in view "A": is a string, want true or false`},
		{"[[views]]\nname = \"A\"\nstatus = [\"P\"]\n", `config.toml:3: unknown key views.status in view "A" (did you mean statuses?)`},
		{"[[views]]\nstores = [\"Luna\"]\n", `config.toml:1: view #1 has no name (the tab's title)`},
		{"[[views]]\nname = \"A\"\n[[views]]\nname = \"a\"\n", `config.toml:4: view name "a" is used twice (also on line 2)`},
	}
	for _, tc := range tests {
		_, err := loadViews(t, tc.views)
		var es Errors
		if !errors.As(err, &es) || len(es) != 1 {
			t.Errorf("%q: got %v, want one error", tc.views, err)
			continue
		}
		if got := es[0].Error(); !strings.HasSuffix(got, tc.want) {
			t.Errorf("%q:\n got %s\nwant …%s", tc.views, got, tc.want)
		}
	}
	// A CS-Cart store's statuses are known only by asking it: a code the
	// file cannot check is taken as written.
	if _, err := loadViews(t, "[[views]]\nname = \"A\"\nstores = [\"Marketplace EU\"]\nstatuses = [\"Z\"]\n"); err != nil {
		t.Errorf("an unchecked code: %v", err)
	}
}
