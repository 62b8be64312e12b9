package backendtest

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

// Journal records what backend.Apply tells it: each call by name
// ("record", "sent", "confirmed", "failed", "unknown"), and the requests
// the outcome says may have reached the store. Every change gets ID 1.
type Journal struct {
	Log   []string
	Sends int
}

func (j *Journal) Record(_ context.Context, ch *backend.Change) error {
	ch.ID = 1
	j.Log = append(j.Log, "record")
	return nil
}

func (j *Journal) Sent(context.Context, int64) error { j.Log = append(j.Log, "sent"); return nil }

func (j *Journal) Confirmed(_ context.Context, _ int64, sends int, _ backend.Order) error {
	j.Log, j.Sends = append(j.Log, "confirmed"), sends
	return nil
}

func (j *Journal) Failed(_ context.Context, _ int64, sends int, _ error) error {
	j.Log, j.Sends = append(j.Log, "failed"), sends
	return nil
}

func (j *Journal) Unknown(_ context.Context, _ int64, sends int, _ error) error {
	j.Log, j.Sends = append(j.Log, "unknown"), sends
	return nil
}
