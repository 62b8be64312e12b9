package config

import (
	"errors"
	"testing"
)

func TestStoreErrorPinsTheKeyLine(t *testing.T) {
	f := &File{Path: "orderdash.toml"}
	s := Store{Line: 3, Keys: map[string]int{"name": 4, "url": 5, "api_key_env": 6, "email": 7}}
	base := errors.New("base")
	tests := []struct {
		err  error
		want string
	}{
		{errors.New(`store "EU" (cscart): url is not set`), `orderdash.toml:5: store "EU" (cscart): url is not set`},
		{errors.New(`store "EU" (cscart): api_key is not set (environment variable OD_KEY is empty)`), `orderdash.toml:6: store "EU" (cscart): api_key is not set (environment variable OD_KEY is empty)`},
		// A key word inside quotes is a name or a value, not the key.
		{errors.New(`store "url" (cscart): email is not set`), `orderdash.toml:7: store "url" (cscart): email is not set`},
		// A key the entry does not write: the [[stores]] header.
		{errors.New(`store EU: store_key (or store_key_env) is not set`), `orderdash.toml:3: store EU: store_key (or store_key_env) is not set`},
		{&Error{File: "other.toml", Line: 9, Msg: "pinned"}, `other.toml:9: pinned`},
	}
	for _, tc := range tests {
		got := f.StoreError(s, tc.err)
		if got.Error() != tc.want {
			t.Errorf("StoreError(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
	if err := f.StoreError(s, errors.Join(errors.New("url is bad"), base)); !errors.Is(err, base) {
		t.Errorf("StoreError(%v) hides the error it pins", err)
	}
	if f.StoreError(s, nil) != nil {
		t.Error("StoreError(nil) is not nil")
	}
}
