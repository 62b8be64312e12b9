//go:build !unix

package storage

import "errors"

// Without flock the liveness of another process is unknown, and a change
// it left "sent" is taken as abandoned once it is older than
// ReconcileOptions.StaleAfter.
func lockFile(string) (func(), error) { return nil, errors.ErrUnsupported }

func probeLock(string) (bool, error) { return false, errors.ErrUnsupported }
