package tui

import (
	"reflect"
	"testing"

	"charm.land/lipgloss/v2"

	"align/model"
)

// TestStyleRendersAsLipgloss: every style of every theme renders exactly what
// lipgloss renders, on the quick path and off it.
func TestStyleRendersAsLipgloss(t *testing.T) {
	inputs := [][]string{
		{"x"}, {"Olga Petrova"}, {"  padded  "}, {"Tomás — Nair…"}, {""},
		{"two", "words"}, {"line\nbreak"}, {"tab\there"}, {"\x1b[1mstyled\x1b[m"}, {"cr\r\n"},
	}
	themes := map[string]*Theme{"dark": NewTheme(true), "light": NewTheme(false), "plain": NewPlainTheme(true)}
	for name, th := range themes {
		v := reflect.ValueOf(th).Elem()
		styles := map[string]Style{}
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if s, ok := v.Field(i).Interface().(Style); ok {
				styles[v.Type().Field(i).Name] = s
			}
		}
		for _, st := range model.Stages {
			styles["stage "+string(st)] = th.Stage(st)
		}
		if len(styles) < 37 {
			t.Fatalf("%s: found only %d styles", name, len(styles))
		}
		fast := 0
		for field, s := range styles {
			if s.fast {
				fast++
			}
			for _, in := range inputs {
				if got, want := s.Render(in...), s.Style.Render(in...); got != want {
					t.Errorf("%s %s Render(%q) = %q, lipgloss gives %q", name, field, in, got, want)
				}
			}
		}
		// The box has a border and padding; the text styles are colours and attributes.
		if fast < len(styles)-1 {
			t.Errorf("%s: %d of %d styles take the quick path, want all but the box", name, fast, len(styles))
		}
	}
	if newStyle(lipgloss.NewStyle().Width(10)).fast {
		t.Error("a style with a width must not take the quick path")
	}
}
