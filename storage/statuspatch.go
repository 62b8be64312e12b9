package storage

import (
	"encoding/json"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// StatusPatch is what a confirmed change writes into the mirror's row of
// its order, on either database (each database's patchMirrorStatus): the
// status the store answered with, and the store's time of the change,
// which the row takes only when it is newer than its own. A row with the
// new status at the old time would be older than a detail read from the
// store since, and an older read written late would, with the same time,
// turn it back to the old status (storagetest's
// ConfirmedRowTakesTheStoresTime).
type StatusPatch struct {
	Status      backend.Status
	StatusJSON  string // the status as the row's data holds it
	Final       int64  // when it became final (the change's time); 0 when it is not
	Since       int64  // the change's time: the row's since when its status changes
	Updated     int64  // the store's time of the change; 0 when the answer had none
	UpdatedJSON string // Updated as the row's data holds it
}

// NewStatusPatch is the patch of a change confirmed at at, o being the
// order as the store answered it; ok is false when the answer names no
// status (nothing to write).
func NewStatusPatch(o backend.Order, at time.Time) (p StatusPatch, ok bool, err error) {
	st := o.Status
	if st.Code == "" {
		return p, false, nil
	}
	p = StatusPatch{Status: st, StatusJSON: statusJSON(st), Since: UnixNano(at), UpdatedJSON: "null"}
	if st.Kind.Final() {
		p.Final = p.Since
	}
	if !o.Updated.IsZero() {
		b, err := json.Marshal(o.Updated)
		if err != nil {
			return p, false, err
		}
		p.Updated, p.UpdatedJSON = UnixNano(o.Updated), string(b)
	}
	return p, true, nil
}
