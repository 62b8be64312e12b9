package backend

// Secret holds an API key or other credential. It prints as "[redacted]"
// through fmt, %v, %+v, %#v and JSON, so it cannot leak into a log line,
// an error or a snapshot by accident; Reveal is the one way to read it.
type Secret string

const redacted = "[redacted]"

func (s Secret) Reveal() string               { return string(s) }
func (s Secret) IsSet() bool                  { return s != "" }
func (s Secret) String() string               { return redacted }
func (s Secret) GoString() string             { return redacted }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
