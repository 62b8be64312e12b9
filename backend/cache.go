package backend

import "errors"

// ErrNotCached: the order is not in the local database's mirror.
var ErrNotCached = errors.New("not in the local mirror")
