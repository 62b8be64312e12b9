package sim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name     string
		write    func(http.ResponseWriter)
		code     int
		ctype    string
		wantBody string
	}{
		{"plain", func(w http.ResponseWriter) { WriteJSON(w, http.StatusCreated, map[string]int{"a": 1}) },
			http.StatusCreated, "application/json", `{"a":1}`},
		{"charset", func(w http.ResponseWriter) {
			WriteJSONAs(w, http.StatusOK, "application/json; charset=utf-8", []string{"ü"})
		}, http.StatusOK, "application/json; charset=utf-8", `["ü"]`},
		{"unencodable", func(w http.ResponseWriter) { WriteJSON(w, http.StatusOK, func() {}) },
			http.StatusInternalServerError, "text/plain; charset=utf-8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.write(rec)
			if rec.Code != tc.code || rec.Header().Get("Content-Type") != tc.ctype {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Header().Get("Content-Type"), tc.code, tc.ctype)
			}
			if tc.wantBody != "" && rec.Body.String() != tc.wantBody {
				t.Fatalf("body %s, want %s", rec.Body, tc.wantBody)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := map[string]string{
		"":                      "(missing)",
		" \n":                   "(missing)",
		` "Shipped" `:           `"Shipped"`,
		`42`:                    `42`,
		strings.Repeat("x", 45): strings.Repeat("x", 40) + "…",
	}
	for in, want := range tests {
		if got := Excerpt([]byte(in)); got != want {
			t.Errorf("Excerpt(%q) = %q, want %q", in, got, want)
		}
	}
}
