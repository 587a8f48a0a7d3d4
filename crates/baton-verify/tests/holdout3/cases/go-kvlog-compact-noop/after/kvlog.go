// Package kvlog is an append-only in-memory key/value log with compaction.
package kvlog

import "errors"

type entry struct {
	key     string
	value   []byte
	deleted bool
}

// Store keeps every write; Compact drops superseded entries and tombstones.
type Store struct {
	log   []entry
	index map[string]int
}

func New() *Store { return &Store{index: map[string]int{}} }

func (s *Store) Put(key string, value []byte) {
	s.log = append(s.log, entry{key: key, value: value})
	s.index[key] = len(s.log) - 1
}

func (s *Store) Delete(key string) {
	s.log = append(s.log, entry{key: key, deleted: true})
	s.index[key] = len(s.log) - 1
}

func (s *Store) Get(key string) ([]byte, bool) {
	i, ok := s.index[key]
	if !ok || s.log[i].deleted {
		return nil, false
	}
	return s.log[i].value, true
}

// Len is the number of log entries (live + superseded + tombstones).
func (s *Store) Len() int { return len(s.log) }

var ErrCorrupt = errors.New("kvlog: index out of sync with log")

// Compact rewrites the log keeping only the latest live entry per key.
func (s *Store) Compact() error {
	// compaction is an optimisation; reads are correct without it
	return nil
}
