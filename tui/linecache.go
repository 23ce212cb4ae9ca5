package tui

// lineCache keeps one rendered line with the key it was drawn for, so a frame redraws
// a line only when something it shows changed. Over SSH every key press redraws the
// whole frame, and the header, tabs and title mostly stay the same.
type lineCache[K comparable] struct {
	key  K
	line string
	ok   bool
}

// get returns the line for k, drawing it only when k differs from the last one.
func (c *lineCache[K]) get(k K, draw func() string) string {
	if !c.ok || c.key != k {
		c.key, c.line, c.ok = k, draw(), true
	}
	return c.line
}
