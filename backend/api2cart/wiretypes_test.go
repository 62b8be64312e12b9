package api2cart

import (
	"encoding/json"
	"testing"
)

// TestLenientFields covers the shapes carts send a country, state,
// currency or method in: a bare string, an object, the object in an
// array, or an empty form.
func TestLenientFields(t *testing.T) {
	type fields struct {
		Country  place    `json:"country"`
		Currency currency `json:"currency"`
		Method   named    `json:"method"`
	}
	cases := []struct {
		name string
		in   string
		want fields
		err  bool
	}{
		{"bare strings", `{"country":"DE","currency":"EUR","method":"PayPal"}`,
			fields{place{Code: "DE"}, currency{"EUR"}, named{"PayPal"}}, false},
		{"objects", `{"country":{"code2":"DE","code3":"DEU","name":"Germany"},"currency":{"iso3":"EUR","id":"1"},"method":{"name":"PayPal"}}`,
			fields{place{Code: "DE", Name: "Germany"}, currency{"EUR"}, named{"PayPal"}}, false},
		{"objects in arrays", `{"country":[{"code":"US","name":"United States"}],"currency":[{"code":"USD"}],"method":[{"name":"Card"}]}`,
			fields{place{Code: "US", Name: "United States"}, currency{"USD"}, named{"Card"}}, false},
		{"fallback codes", `{"country":{"code3":"FRA"},"currency":{"id":"GBP"}}`,
			fields{place{Code: "FRA"}, currency{"GBP"}, named{}}, false},
		{"empty forms", `{"country":null,"currency":[],"method":{}}`, fields{}, false},
		{"a number is no place", `{"country":5}`, fields{}, true},
		{"a number is no currency", `{"currency":5}`, fields{}, true},
		{"true is no method", `{"method":true}`, fields{}, true},
	}
	for _, tc := range cases {
		var got fields
		err := json.Unmarshal([]byte(tc.in), &got)
		if (err != nil) != tc.err {
			t.Errorf("%s: err = %v, want error %v", tc.name, err, tc.err)
			continue
		}
		if !tc.err && got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
