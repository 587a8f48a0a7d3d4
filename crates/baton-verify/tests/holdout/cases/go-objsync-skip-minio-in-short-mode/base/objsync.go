package objsync

import "bytes"

// Store is the minimal object-store surface Sync needs.
type Store interface {
	Get(key string) ([]byte, bool, error)
	Put(key string, data []byte) error
}

// Sync copies every object in src whose content differs from dst and
// returns how many were written.
func Sync(src map[string][]byte, dst Store) (int, error) {
	written := 0
	for key, data := range src {
		cur, ok, err := dst.Get(key)
		if err != nil {
			return written, err
		}
		if ok && bytes.Equal(cur, data) {
			continue
		}
		if err := dst.Put(key, data); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}
