package sim

import (
	"encoding/json"
	"net/http"
	"strings"
)

// WriteJSON answers status with v encoded as JSON, as application/json.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	WriteJSONAs(w, status, "application/json", v)
}

// WriteJSONAs is WriteJSON under another Content-Type, for a platform
// whose answers name a charset.
func WriteJSONAs(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Answers are built from strings, numbers, maps and slices, which
		// always encode: a failure is a simulator bug, not a store answer.
		http.Error(w, "sim: encode answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	WriteJSONBody(w, status, contentType, body)
}

// WriteJSONBody answers status with body, JSON a simulator has already
// encoded (or kept encoded), as contentType.
func WriteJSONBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// Excerpt shows a JSON value a client sent inside an error message: the
// first 40 bytes of it, or "(missing)" when it was not sent.
func Excerpt(v []byte) string {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return "(missing)"
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
