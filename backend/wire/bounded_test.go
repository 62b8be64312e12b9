package wire

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestLen(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{`[]`, 0}, {` [ ] `, 0}, {`{}`, 0}, {"[\n\t]", 0},
		{`[1]`, 1}, {`[""]`, 1}, {`[{}]`, 1}, {`[[]]`, 1}, {`[null,false]`, 2},
		{`[1,2,3]`, 3}, {`[ {"a":[1,2]} , {"b":{"c":1,"d":2}} ]`, 2},
		{`["a,b","c]d","e\"f,g",",{["]`, 4}, {`["\\",1]`, 2},
		{`{"a":1,"b":[1,2],"c":{"x":1}}`, 3}, {`{"a,b":"c,d"}`, 1},
		{`null`, 0}, {`false`, 0}, {`""`, 0}, {`12`, 0}, {`"[1,2]"`, 0}, {``, 0},
	}
	for _, tc := range cases {
		if got := Len([]byte(tc.in)); got != tc.want {
			t.Errorf("Len(%s) = %d, want %d", tc.in, got, tc.want)
		}
		if !json.Valid([]byte(tc.in)) && tc.in != `` {
			t.Errorf("case %s is not JSON", tc.in)
		}
	}
}

// Len agrees with encoding/json on every list it can be given.
func TestLenAgreesWithDecoding(t *testing.T) {
	for _, in := range []string{
		`[1,"2",[3,4],{"5":6},null,true,"\u005d",-7.5e3]`,
		`{"a":{"b":[1,2,{"c":"}"}]},"d":"\"","e":[]}`,
	} {
		var arr []json.RawMessage
		var obj map[string]json.RawMessage
		want := 0
		if json.Unmarshal([]byte(in), &arr) == nil {
			want = len(arr)
		} else if err := json.Unmarshal([]byte(in), &obj); err == nil {
			want = len(obj)
		} else {
			t.Fatal(err)
		}
		if got := Len([]byte(in)); got != want {
			t.Errorf("Len(%s) = %d, encoding/json says %d", in, got, want)
		}
	}
}

func TestLenAllocatesNothing(t *testing.T) {
	b := []byte(`[` + strings.Repeat(`{"id":"a,b"},`, 1000) + `1]`)
	if n := testing.AllocsPerRun(10, func() { Len(b) }); n != 0 {
		t.Errorf("Len allocates %v times", n)
	}
}

func TestPageLimit(t *testing.T) {
	for _, tc := range []struct{ asked, want int }{{50, 60}, {1, 11}, {250, 275}, {0, MaxList}, {-1, MaxList}} {
		if got := PageLimit(tc.asked); got != tc.want {
			t.Errorf("PageLimit(%d) = %d, want %d", tc.asked, got, tc.want)
		}
	}
}

// objects is a JSON array of n {"id":i} objects.
func objects(n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":` + strconv.Itoa(i) + `}`)
	}
	b.WriteByte(']')
	return b.String()
}

type idOnly struct {
	ID Int `json:"id"`
}

func TestPage(t *testing.T) {
	for _, tc := range []struct {
		n, asked int
		err      string
	}{
		{50, 50, ""},
		{60, 50, ""},
		{0, 50, ""},
		{61, 50, "the store sent 61 orders for a page of 50; orderdash reads at most 60"},
		{1234, 50, "the store sent 1,234 orders for a page of 50; orderdash reads at most 60"},
		{1001, 0, "a list of 1,001 orders; orderdash reads at most 1,000"},
	} {
		var v struct {
			Orders Page[[]idOnly] `json:"orders"`
		}
		v.Orders.Asked = tc.asked
		err := json.Unmarshal([]byte(`{"orders":`+objects(tc.n)+`}`), &v)
		if tc.err == "" {
			if err != nil || len(v.Orders.List) != tc.n {
				t.Errorf("%d orders for %d: %d decoded, %v", tc.n, tc.asked, len(v.Orders.List), err)
			}
			continue
		}
		var tm *TooManyError
		if !errors.As(err, &tm) || err.Error() != tc.err {
			t.Errorf("%d orders for %d: error %v, want %q", tc.n, tc.asked, err, tc.err)
		}
		if len(v.Orders.List) != 0 {
			t.Errorf("%d orders for %d: %d decoded after all", tc.n, tc.asked, len(v.Orders.List))
		}
	}
}

// A page refused for its length is refused before any order is decoded:
// the allocations do not grow with the number of orders.
func TestPageRefusedWithoutDecoding(t *testing.T) {
	body := []byte(`{"orders":` + objects(100000) + `}`)
	allocs := testing.AllocsPerRun(3, func() {
		v := struct {
			Orders Page[List[idOnly]] `json:"orders"`
		}{Orders: Page[List[idOnly]]{Asked: 50}}
		if json.Unmarshal(body, &v) == nil {
			t.Fatal("100,000 orders for a page of 50 decoded")
		}
	})
	if allocs > 20 {
		t.Errorf("refusing a page took %v allocations", allocs)
	}
}

// A page that is not a list is an error, as it was before it was bounded.
func TestPageNotAList(t *testing.T) {
	for _, in := range []string{`"oops"`, `12`, `true`} {
		p := Page[[]json.RawMessage]{Asked: 50}
		if err := json.Unmarshal([]byte(in), &p); err == nil {
			t.Errorf("%s: no error", in)
		}
		q := Page[List[json.RawMessage]]{Asked: 50}
		if err := json.Unmarshal([]byte(in), &q); err == nil {
			t.Errorf("%s: no error from a List page", in)
		}
	}
	var p Page[[]json.RawMessage]
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p.List != nil {
		t.Errorf("null: %v, %v", p.List, err)
	}
}

func TestListBound(t *testing.T) {
	if l, err := decode[List[idOnly]](objects(MaxList)); err != nil || len(l) != MaxList {
		t.Errorf("%d entries: %d, %v", MaxList, len(l), err)
	}
	obj := `{` + strings.TrimSuffix(strings.Repeat(`"k":{},`, MaxList+1), ",") + `}`
	for _, in := range []string{objects(MaxList + 1), obj} {
		_, err := decode[List[idOnly]](in)
		var tm *TooManyError
		if !errors.As(err, &tm) || tm.Sent != MaxList+1 || !strings.Contains(err.Error(), "a list of 1,001 entries; orderdash reads at most 1,000") {
			t.Errorf("%.20s…: %v", in, err)
		}
	}
}

func TestDecimalBound(t *testing.T) {
	ok := "1234567890123456789012345678.901" // 32 characters
	if d, err := decode[Decimal](`"` + ok + `"`); err != nil || string(d) != ok {
		t.Errorf("32 characters: %q, %v", d, err)
	}
	for _, in := range []string{`"` + ok + `1"`, strings.Repeat("9", 200000), `"` + strings.Repeat("9", 200000) + `"`} {
		_, err := decode[Decimal](in)
		if err == nil || len(err.Error()) > 120 || !strings.Contains(err.Error(), "at most 32 characters") {
			t.Errorf("%.20s… (%d): %v", in, len(in), err)
		}
	}
}

func TestFirst(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`[{"a":1},2,3]`, `{"a":1}`, true}, {` [ "x" ] `, `"x"`, true}, {`[ 12 , 3]`, `12`, true},
		{`["a,]\"b",1]`, `"a,]\"b"`, true}, {`[[1,2],[3]]`, `[1,2]`, true}, {`[{"a":[1,{"b":2}]}]`, `{"a":[1,{"b":2}]}`, true},
		{`[]`, ``, false}, {`[ ]`, ``, false}, {`{"a":1}`, ``, false}, {`null`, ``, false}, {`[`, ``, false}, {`[1`, ``, false},
	} {
		got, ok := First([]byte(tc.in))
		if ok != tc.ok || string(got) != tc.want {
			t.Errorf("First(%s) = %s, %v", tc.in, got, ok)
		}
	}
}

func TestFirstAllocatesNothing(t *testing.T) {
	b := []byte(`[{"id":1},` + strings.Repeat(`{"id":"a,b"},`, 1000) + `1]`)
	if n := testing.AllocsPerRun(10, func() { First(b) }); n != 0 {
		t.Errorf("First allocates %v times", n)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1190000: "1,190,000", -12345: "-12,345"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// Raw rows cut out by Page and List (without encoding/json) are the rows
// encoding/json finds, in order.
func TestRawRowsAgreeWithDecoding(t *testing.T) {
	for _, in := range []string{
		`[]`, `[ ]`, `[1]`, ` [ {"a" : [1, {"b":"]"}]} , "x,\"y" ,null, -2.5e3 ,[[]], {} ] `,
		`{}`, `{"1":{"id":1},"2" : {"id":"a,b}"}, "3":[1,2] ,"4":"s"}`,
	} {
		var want []json.RawMessage
		if strings.HasPrefix(strings.TrimSpace(in), "[") {
			if err := json.Unmarshal([]byte(in), &want); err != nil {
				t.Fatal(err)
			}
		} else {
			dec := json.NewDecoder(strings.NewReader(in))
			dec.Token()
			for dec.More() {
				dec.Token()
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					t.Fatal(err)
				}
				want = append(want, v)
			}
		}
		var l List[json.RawMessage]
		if err := json.Unmarshal([]byte(in), &l); err != nil {
			t.Fatal(err)
		}
		p := Page[[]json.RawMessage]{Asked: 50}
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatal(err)
		}
		if l == nil {
			t.Errorf("%s: List is nil, want an empty list", in)
		}
		for _, got := range [][]json.RawMessage{l, p.List} {
			if len(got) != len(want) {
				t.Errorf("%s: %d rows, want %d", in, len(got), len(want))
				continue
			}
			for i := range want {
				if string(got[i]) != string(want[i]) {
					t.Errorf("%s: row %d = %s, want %s", in, i, got[i], want[i])
				}
			}
		}
	}
}
