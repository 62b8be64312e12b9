package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/orderdash/orderdash/backend"
)

// mirrorConfirmed writes a confirmed change's new status into the
// mirror's copy of its order, in the journal's transaction, so the tables
// show it before the next sync.
func (db *DB) mirrorConfirmed(ctx context.Context, tx *sql.Tx, e row, o backend.Order) error {
	store, id := e.Store, e.OrderID
	if o.Store != "" && o.ID != "" {
		store, id = o.Store, o.ID
	}
	return patchMirrorStatus(ctx, tx, store, id, o, db.now())
}

func decodeOrder(data []byte, detailed bool) (backend.Order, error) {
	var o backend.Order
	if err := json.Unmarshal(data, &o); err != nil {
		return backend.Order{}, fmt.Errorf("cached order is unreadable: %w", err)
	}
	o.Detailed = detailed
	return o, nil
}
