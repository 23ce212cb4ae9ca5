package model

import (
	"strconv"
	"strings"
)

// GroupDigits writes n with thousands separators: 1,234,567. Counts and deal values
// read this way wherever people see them.
func GroupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && c != '-' && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
