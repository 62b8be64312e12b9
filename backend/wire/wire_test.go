package wire

import (
	"encoding/json"
	"testing"
)

// decode runs one JSON value through T's decoder inside an object, the
// way the types meet real answers.
func decode[T any](in string) (T, error) {
	var v struct {
		F T `json:"f"`
	}
	err := json.Unmarshal([]byte(`{"f":`+in+`}`), &v)
	return v.F, err
}

func TestString(t *testing.T) {
	cases := []struct {
		in, want string
		err      bool
	}{
		{`"54123"`, "54123", false},
		{`54123`, "54123", false},
		{`1.50`, "1.50", false},
		{`-0`, "-0", false},
		{`true`, "true", false},
		{`null`, "", false},
		{`""`, "", false},
		{`"a\u001bb"`, "a\x1bb", false}, // kept: cleaning is the client's job
		{`{"a":1}`, "", true},
		{`[1]`, "", true},
	}
	for _, tc := range cases {
		got, err := decode[String](tc.in)
		if (err != nil) != tc.err || string(got) != tc.want {
			t.Errorf("String %s = %q, %v", tc.in, got, err)
		}
	}
	if String("x").String() != "x" {
		t.Error("String()")
	}
}

func TestInt(t *testing.T) {
	cases := []struct {
		in   string
		want Int
		err  bool
	}{
		{`12`, 12, false}, {`"12"`, 12, false}, {`" 12 "`, 12, false}, {`12.0`, 12, false}, {`"12.0"`, 12, false},
		{`-3`, -3, false}, {`""`, 0, false}, {`null`, 0, false}, {`1e3`, 1000, false},
		{`12.5`, 0, true}, {`"abc"`, 0, true}, {`true`, 0, true}, {`{}`, 0, true}, {`[]`, 0, true},
		{`"9223372036854775807"`, 9223372036854775807, false},
	}
	for _, tc := range cases {
		got, err := decode[Int](tc.in)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("Int %s = %d, %v", tc.in, got, err)
		}
	}
}

func TestDecimal(t *testing.T) {
	cases := []struct {
		in, want string
		err      bool
	}{
		{`"322.85"`, "322.85", false}, {`322.85`, "322.85", false}, {`42.10`, "42.10", false},
		{`"0.00"`, "0.00", false}, {`0`, "0", false}, {`"-5"`, "-5", false}, {`"+5.5"`, "+5.5", false},
		{`".5"`, ".5", false}, {`"5."`, "5.", false}, {`1e2`, "1e2", false}, {`"1.5E-3"`, "1.5E-3", false},
		{`""`, "", false}, {`" "`, "", false}, {`null`, "", false},
		{`"12,50"`, "", true}, {`"NaN"`, "", true}, {`"Inf"`, "", true}, {`"-infinity"`, "", true},
		{`"0x1p-2"`, "", true}, {`"1_000"`, "", true}, {`"."`, "", true}, {`"1e"`, "", true}, {`"-"`, "", true},
		{`"€5"`, "", true}, {`true`, "", true}, {`{}`, "", true}, {`[1]`, "", true},
	}
	for _, tc := range cases {
		got, err := decode[Decimal](tc.in)
		if (err != nil) != tc.err || string(got) != tc.want {
			t.Errorf("Decimal %s = %q, %v", tc.in, got, err)
		}
	}
	if Decimal("1.5").String() != "1.5" {
		t.Error("Decimal.String")
	}
}

func TestDecimalUnits(t *testing.T) {
	cases := []struct {
		in   Decimal
		want int
	}{
		{"2", 2},
		{"2.00", 2},
		{"1.5", 2}, // sold by weight: rounded for display
		{"0.4", 0},
		{"", 0},
		{"-1", 0},
		{"abc", 0},
		{"1000000000", 1000000000},
		{"1000000001", 0},
	}
	for _, tc := range cases {
		if got := tc.in.Units(); got != tc.want {
			t.Errorf("Decimal(%q).Units() = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestBool(t *testing.T) {
	cases := []struct {
		in   string
		want Bool
		err  bool
	}{
		{`true`, true, false}, {`false`, false, false}, {`1`, true, false}, {`0`, false, false},
		{`"1"`, true, false}, {`"0"`, false, false}, {`"Y"`, true, false}, {`"N"`, false, false},
		{`"yes"`, true, false}, {`"No"`, false, false}, {`"TRUE"`, true, false}, {`"false"`, false, false},
		{`"on"`, true, false}, {`""`, false, false}, {`null`, false, false},
		{`"maybe"`, false, true}, {`2`, false, true}, {`{}`, false, true},
	}
	for _, tc := range cases {
		got, err := decode[Bool](tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Bool %s = %v, %v", tc.in, got, err)
		}
	}
}

func TestNextPage(t *testing.T) {
	cases := []struct {
		in   string
		want NextPage
		err  bool
	}{
		{`3`, 3, false}, {`"3"`, 3, false}, {`false`, 0, false}, {`null`, 0, false}, {`""`, 0, false}, {`0`, 0, false},
		{`true`, 0, true}, {`-1`, 0, true}, {`"x"`, 0, true}, {`2.5`, 0, true}, {`{}`, 0, true},
	}
	for _, tc := range cases {
		got, err := decode[NextPage](tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("NextPage %s = %d, %v", tc.in, got, err)
		}
	}
}

func TestList(t *testing.T) {
	type row struct {
		ID String `json:"id"`
	}
	ids := func(l List[row]) string {
		s := ""
		for _, r := range l {
			s += string(r.ID) + ","
		}
		return s
	}
	cases := []struct {
		in, want string
		isNil    bool
		err      bool
	}{
		{`[{"id":1},{"id":"2"}]`, "1,2,", false, false},
		{`{"9":{"id":9},"1":{"id":1},"5":{"id":5}}`, "9,1,5,", false, false}, // the order sent, not sorted
		{`[]`, "", false, false},
		{`{}`, "", false, false},
		{`null`, "", true, false},
		{`false`, "", true, false},
		{`""`, "", true, false},
		{`"rows"`, "", false, true},
		{`7`, "", false, true},
		{`[{"id":{}}]`, "", false, true},
		{`{"a":{"id":[]}}`, "", false, true},
		{`{"a":1}`, "", false, true},
	}
	for _, tc := range cases {
		got, err := decode[List[row]](tc.in)
		if (err != nil) != tc.err || (!tc.err && (ids(got) != tc.want || (got == nil) != tc.isNil)) {
			t.Errorf("List %s = %q (nil %v), %v", tc.in, ids(got), got == nil, err)
		}
	}
	// Keyed entries name the key in errors.
	if _, err := decode[List[row]](`{"item-7":{"id":{}}}`); err == nil || !contains(err.Error(), "item-7") {
		t.Errorf("error %v does not name the entry", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
