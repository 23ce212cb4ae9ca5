package tui

import (
	"image/color"
	"sync"

	"charm.land/lipgloss/v2"

	"align/model"
)

// Palette holds the semantic colour tokens of the workspace. Every colour on screen
// comes from here, so dark, light and colourless themes differ in one place only.
type Palette struct {
	Primary, Muted, Text, Subtle, Danger, Warn, OK, Marketing, Sales color.Color
	// Stage is one colour per lifecycle stage.
	Stage map[model.Stage]color.Color
}

// Theme is the palette turned into the styles the screens render with.
type Theme struct {
	// Dark says the palette was chosen for a dark background.
	Dark bool
	// NoColor says the person asked for no colour (NO_COLOR); styles keep bold and
	// reverse so the cursor and headings stay visible.
	NoColor bool
	Palette Palette

	Header, HeaderDim, Tab, TabActive         Style
	Title, Muted, Text, Bold                  Style
	Status, StatusError, HelpKey, HelpDesc    Style
	TableHeader, Selected, Marked             Style
	OnTrack, AtRisk, Breached, Met            Style
	Marketing, Sales, Danger, OK, Warn        Style
	Box, Section, Input, PaletteHit, Disabled Style
	// stages colour each lifecycle stage's label (Stage).
	stages map[model.Stage]Style
}

// The themes are built once a process and shared by every session: a theme is never
// changed after build, and building one renders each style a few times (newStyle).
var (
	darkTheme  = sync.OnceValue(func() *Theme { return newTheme(true) })
	lightTheme = sync.OnceValue(func() *Theme { return newTheme(false) })
	plainDark  = sync.OnceValue(func() *Theme { return newPlainTheme(true) })
	plainLight = sync.OnceValue(func() *Theme { return newPlainTheme(false) })
)

// NewTheme is the theme for a dark or light terminal background.
func NewTheme(isDark bool) *Theme {
	if isDark {
		return darkTheme()
	}
	return lightTheme()
}

// NewPlainTheme is the colourless theme used when NO_COLOR is set.
func NewPlainTheme(isDark bool) *Theme {
	if isDark {
		return plainDark()
	}
	return plainLight()
}

func newTheme(isDark bool) *Theme {
	ld := lipgloss.LightDark(isDark)
	p := Palette{
		Primary:   ld(lipgloss.Color("#5A3FD9"), lipgloss.Color("#A99CFF")),
		Muted:     ld(lipgloss.Color("#6B6B78"), lipgloss.Color("#8A8A99")),
		Text:      ld(lipgloss.Color("#1E1E28"), lipgloss.Color("#E6E6F0")),
		Subtle:    ld(lipgloss.Color("#E4E2F2"), lipgloss.Color("#2E2B45")),
		Danger:    ld(lipgloss.Color("#C0263A"), lipgloss.Color("#FF6B7D")),
		Warn:      ld(lipgloss.Color("#A15C00"), lipgloss.Color("#F5B547")),
		OK:        ld(lipgloss.Color("#1F7A3D"), lipgloss.Color("#5FD38D")),
		Marketing: ld(lipgloss.Color("#B0368C"), lipgloss.Color("#F28AD0")),
		Sales:     ld(lipgloss.Color("#1F5FBF"), lipgloss.Color("#6FA8FF")),
		Stage: map[model.Stage]color.Color{
			model.StageInquiry:      ld(lipgloss.Color("#6B6B78"), lipgloss.Color("#9A9AAA")),
			model.StageMQL:          ld(lipgloss.Color("#B0368C"), lipgloss.Color("#F28AD0")),
			model.StageSAL:          ld(lipgloss.Color("#1F5FBF"), lipgloss.Color("#6FA8FF")),
			model.StageSQL:          ld(lipgloss.Color("#0F7C8C"), lipgloss.Color("#4FD1E0")),
			model.StageWon:          ld(lipgloss.Color("#1F7A3D"), lipgloss.Color("#5FD38D")),
			model.StageLost:         ld(lipgloss.Color("#8C4A1F"), lipgloss.Color("#E09A6B")),
			model.StageRecycled:     ld(lipgloss.Color("#A15C00"), lipgloss.Color("#F5B547")),
			model.StageDisqualified: ld(lipgloss.Color("#C0263A"), lipgloss.Color("#FF6B7D")),
		},
	}
	return build(p, isDark, false)
}

func newPlainTheme(isDark bool) *Theme {
	return build(Palette{Stage: map[model.Stage]color.Color{}}, isDark, true)
}

// build turns a palette into styles. A nil colour leaves the terminal's own.
func build(p Palette, isDark, noColor bool) *Theme {
	fg := func(c color.Color) lipgloss.Style {
		s := lipgloss.NewStyle()
		if c != nil {
			s = s.Foreground(c)
		}
		return s
	}
	t := &Theme{Dark: isDark, NoColor: noColor, Palette: p}
	t.Header = newStyle(fg(p.Primary).Bold(true))
	t.HeaderDim = newStyle(fg(p.Muted))
	t.Tab = newStyle(fg(p.Muted))
	t.TabActive = newStyle(fg(p.Primary).Bold(true))
	t.Title = newStyle(fg(p.Primary).Bold(true))
	t.Muted = newStyle(fg(p.Muted))
	t.Text = newStyle(fg(p.Text))
	t.Bold = newStyle(fg(p.Text).Bold(true))
	t.Status = newStyle(fg(p.OK))
	t.StatusError = newStyle(fg(p.Danger).Bold(true))
	t.HelpKey = newStyle(fg(p.Primary).Bold(true))
	t.HelpDesc = newStyle(fg(p.Muted))
	t.TableHeader = newStyle(fg(p.Muted).Bold(true))
	selected := lipgloss.NewStyle().Bold(true)
	if noColor {
		selected = selected.Reverse(true)
	} else {
		selected = selected.Foreground(p.Text).Background(p.Subtle)
	}
	t.Selected = newStyle(selected)
	t.Marked = newStyle(fg(p.Warn).Bold(true))
	t.OnTrack = newStyle(fg(p.OK))
	t.AtRisk = newStyle(fg(p.Warn).Bold(true))
	t.Breached = newStyle(fg(p.Danger).Bold(true))
	t.Met = newStyle(fg(p.Muted))
	t.Marketing = newStyle(fg(p.Marketing))
	t.Sales = newStyle(fg(p.Sales))
	t.Danger = newStyle(fg(p.Danger))
	t.OK = newStyle(fg(p.OK))
	t.Warn = newStyle(fg(p.Warn))
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if p.Primary != nil {
		box = box.BorderForeground(p.Primary)
	}
	t.Box = newStyle(box)
	t.Section = newStyle(fg(p.Primary).Bold(true))
	t.Input = newStyle(fg(p.Text))
	t.PaletteHit = newStyle(fg(p.Primary).Bold(true))
	t.Disabled = newStyle(fg(p.Muted).Strikethrough(false))
	t.stages = map[model.Stage]Style{}
	for _, s := range model.Stages {
		t.stages[s] = newStyle(fg(p.Stage[s]))
	}
	return t
}

// Stage styles a stage label in the stage's colour.
func (t *Theme) Stage(s model.Stage) Style {
	return t.stages[s]
}

// Clock styles an SLA figure by its state.
func (t *Theme) Clock(s model.ClockState) Style {
	switch s {
	case model.ClockOnTrack:
		return t.OnTrack
	case model.ClockAtRisk:
		return t.AtRisk
	case model.ClockBreached, model.ClockMissed:
		return t.Breached
	}
	return t.Met
}

// Team styles text in the colour of a team.
func (t *Theme) Team(team model.Team) Style {
	if team == model.TeamSales {
		return t.Sales
	}
	return t.Marketing
}
