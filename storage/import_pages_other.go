//go:build !linux

package storage

// pageOutFiles is a no-op where MADV_PAGEOUT does not exist.
func (s *Store) pageOutFiles() {}
