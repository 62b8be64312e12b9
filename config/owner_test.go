package config

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// A file holding a secret must belong to whoever runs orderdash: its
// owner can read the secret and rewrite the file. Root may read a file
// of the user who ran sudo (SUDO_UID), whose own secrets they are.
func TestInlineSecretFileOwner(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no owners to compare on Windows")
	}
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	const other = 12345
	tests := []struct {
		name  string
		owner int
		env   map[string]string
		want  string // "" for accepted
	}{
		{"another user's", other, nil,
			`:4: api_key in store "Inline" is written in the file, so the file must belong to you (it belongs to uid 12345, not to root): run orderdash as its owner, or chown root `},
		{"another user's, who is not the one who ran sudo", other, map[string]string{"SUDO_UID": "999"},
			`so the file must belong to you (it belongs to uid 12345, not to root)`},
		{"the sudo user's", other, map[string]string{"SUDO_UID": "12345"}, ""},
		{"your own", 0, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := fixture(t, "inline_secret.toml", 0o600)
			if err := os.Chown(path, tc.owner, tc.owner); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{}
			for k, v := range testEnv {
				env[k] = v
			}
			for k, v := range tc.env {
				env[k] = v
			}
			l, _ := testLoader(env)
			_, err := l.Load(path)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load: %v\nwant %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "SUPERSECRET") {
				t.Error("the error shows the secret")
			}
		})
	}
}
