package sim

import (
	"encoding/json"
	"net/http"
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
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
