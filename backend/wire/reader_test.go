package wire

import (
	"encoding/json"
	"testing"
)

// The reader takes exactly the JSON encoding/json takes: a shape it does
// not know may stop it, but never invalid JSON that encoding/json refuses.
func TestReaderSyntax(t *testing.T) {
	for _, tc := range readerSeeds {
		checkReaderSyntax(t, []byte(tc))
	}
}

func FuzzReaderSyntax(f *testing.F) {
	for _, s := range readerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkReaderSyntax(t, b) })
}

var readerSeeds = []string{
	``, ` `, `{}`, `[]`, ` { } `, `[ ]`, `{"a":1}`, `{"a":1,}`, `{,"a":1}`, `[1,]`, `[,1]`, `[1 2]`, `[1}`, `{"a":1]`,
	`{"a" 1}`, `{"a":}`, `{1:2}`, `"x"`, `"\u00e9\n\"\\\/"`, `"\x"`, `"\u12"`, "\"a\tb\"", `"abc`, `-`, `-0`, `01`, `1.`, `1.5e`,
	`1e+5`, `-12.5E-3`, `true`, `tru`, `nulll`, `null `, `[null,true,false]`, `{"a":[{"b":{}}],"c":"d"}`, `[[[[]]]]`, `[[[`,
	`{"a":1}}`, `{"a":1} x`, "\xef\xbb\xbf{}", `{"k\u0041":1}`, `[1,[2,[3]],{"x":[4]}]`, `{"a":"\ud800"}`,
}

func checkReaderSyntax(t *testing.T, b []byte) {
	t.Helper()
	r := NewReader(b, nil)
	r.Skip()
	err := r.End()
	if valid := json.Valid(b); valid != (err == nil) {
		t.Fatalf("%q: reader says %v, json.Valid %v", b, err, valid)
	}
}

// Object, Array, More, Key and Decode read a document into a struct as
// encoding/json does.
func TestReaderReadsMembers(t *testing.T) {
	b := []byte(` {"id": 7, "name":"Ann\u00e9", "tags": ["x", "y"], "skip": {"a": [1, {"b": null}]}, "total": "12.50"} `)
	var (
		id    Int
		name  String
		tags  []String
		total Decimal
	)
	r := NewReader(b, nil)
	if r.Object() {
		for r.More() {
			switch key := r.Key(); string(key) {
			case "id":
				id.Read(r)
			case "name":
				name.Read(r)
			case "tags":
				r.Array()
				for r.More() {
					var s String
					s.Read(r)
					tags = append(tags, s)
				}
			case "total":
				total.Read(r)
			default:
				r.Unknown(key)
			}
		}
	}
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	if id != 7 || name != "Anné" || len(tags) != 2 || tags[1] != "y" || total != "12.50" {
		t.Fatalf("read %v %q %q %q", id, name, tags, total)
	}
}

// A member name that encoding/json would match regardless of case, or one
// with escapes, stops the reader rather than being skipped.
func TestReaderStopsAtNamesItCannotMatch(t *testing.T) {
	for _, doc := range []string{`{"ID":1}`, `{"i\u0064":1}`, `{"\u212a":1}`} {
		r := NewReader([]byte(doc), nil)
		r.Object()
		for r.More() {
			if key := r.Key(); string(key) != "id" {
				r.Unknown(key)
			}
		}
		if r.End() == nil {
			t.Errorf("%s: the reader skipped a name it cannot match", doc)
		}
	}
}

// A name in capitals that is not one of the reader's names is skipped
// (real eBay answers carry PaidTime beside the fields orderdash reads);
// one that is, in lower case, stops the reader.
func TestReaderSkipsCapitalsItDoesNotRead(t *testing.T) {
	names := Names{"id": true}
	for doc, ok := range map[string]bool{`{"PaidTime":1,"id":2}`: true, `{"Id":1}`: false} {
		r := NewReader([]byte(doc), names)
		r.Object()
		for r.More() {
			if key := r.Key(); string(key) == "id" {
				r.Skip()
			} else {
				r.Unknown(key)
			}
		}
		if got := r.End() == nil; got != ok {
			t.Errorf("%s: read %v, want %v", doc, got, ok)
		}
	}
}
