package app

import (
	"learnwork/store"
	"learnwork/sync/identity"
)

// OpenStore opens the data directory the way the window and the CLI both do:
// the device key file first, so the store's device is the key's device.
func OpenStore(dataDir string) (*store.Store, *identity.Identity, error) {
	id, err := identity.Load(dataDir)
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(dataDir, store.WithKey(id.Private()))
	if err != nil {
		return nil, nil, err
	}
	return s, id, nil
}
