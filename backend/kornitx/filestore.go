package kornitx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// NewFileStore is a MemStore kept in a JSON file: every write rewrites the
// file atomically before it takes effect. It suits a few hundred orders
// (the demo); the database (storage) is the store for real use.
func NewFileStore(path string) (*MemStore, error) {
	m := NewMemStore()
	m.path = path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("kornitx order file: %w", err)
	}
	var f storeFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("kornitx order file %s is corrupt: %w", path, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("kornitx order file %s: unknown version %d", path, f.Version)
	}
	for _, o := range f.Orders {
		if o.Store == "" || o.Order.ID == "" {
			return nil, fmt.Errorf("kornitx order file %s: an order has no store or id", path)
		}
		ord := o.Order
		ord.Store = o.Store
		if ord.History == nil {
			ord.History = []backend.Event{}
		}
		m.orders[key(o.Store, ord.ID)] = &memOrder{o: ord, raw: o.Raw, received: o.Received}
	}
	return m, nil
}

type storeFile struct {
	Version int         `json:"version"`
	Orders  []fileOrder `json:"orders"`
}

type fileOrder struct {
	Store    string        `json:"store"`
	Order    backend.Order `json:"order"`
	Raw      []byte        `json:"raw"`
	Received time.Time     `json:"received"`
}

// saveLocked writes the file (the caller holds m.mu); without a path it
// does nothing.
func (m *MemStore) saveLocked() error {
	if m.path == "" {
		return nil
	}
	f := storeFile{Version: 1, Orders: make([]fileOrder, 0, len(m.orders))}
	for _, mo := range m.orders {
		f.Orders = append(f.Orders, fileOrder{Store: mo.o.Store, Order: mo.o, Raw: mo.raw, Received: mo.received})
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	dir := filepath.Dir(m.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(m.path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), m.path)
}
