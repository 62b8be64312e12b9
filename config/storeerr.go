package config

import (
	"errors"
	"regexp"
	"strings"
)

// StoreError pins err, from opening store s, to the line of the key it
// is about, in the form of the loader's errors ("file:line: …"): the
// first of the entry's keys (or its `_env` partner) that the message
// names outside quotes (platforms name the key they refuse, "store "EU"
// (cscart): email is not set"); a key the entry does not write (a
// credential not given at all) points at the [[stores]] header. What
// only the platform can judge is found when it opens; the rest is checked
// at load. Platforms' errors never hold a secret's value; neither does
// this.
func (f *File) StoreError(s Store, err error) error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) {
		return err // already pinned
	}
	line := s.Line
	for _, w := range keyWord.FindAllString(quoted.ReplaceAllString(err.Error(), ""), -1) {
		if l := s.keyLine(w); l > 0 {
			line = l
			break
		}
	}
	return &Error{File: f.Path, Line: line, Msg: err.Error(), err: err}
}

// keyWord is a word that may be a key: lower case, digits and _.
var keyWord = regexp.MustCompile(`[a-z][a-z0-9_]*`)

// keyLine is the line of key in the entry, or of its `_env` partner when
// the value came from the environment; 0 when it writes neither.
func (s Store) keyLine(key string) int {
	if l := s.Keys[key]; l > 0 {
		return l
	}
	if !strings.HasSuffix(key, "_env") {
		return s.Keys[key+"_env"]
	}
	return 0
}
