//go:build !linux

package storage

// pageOutSoon is a no-op where MADV_PAGEOUT does not exist.
func (s *Store) pageOutSoon() {}
