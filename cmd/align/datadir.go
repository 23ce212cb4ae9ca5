package main

import (
	"os"
	"path/filepath"
)

// defaultDataDir is where the store lives unless --data says otherwise:
// $ALIGN_DATA, else $XDG_DATA_HOME/align, else ~/.local/share/align (product.md).
func defaultDataDir(getenv func(string) string) string {
	if d := getenv("ALIGN_DATA"); d != "" {
		return d
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "align")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return filepath.Join(".", "align-data")
	}
	return filepath.Join(home, ".local", "share", "align")
}
