package tui

import (
	"image/color"

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

	Header, HeaderDim, Tab, TabActive         lipgloss.Style
	Title, Muted, Text, Bold                  lipgloss.Style
	Status, StatusError, HelpKey, HelpDesc    lipgloss.Style
	TableHeader, Selected, Marked             lipgloss.Style
	OnTrack, AtRisk, Breached, Met            lipgloss.Style
	Marketing, Sales, Danger, OK, Warn        lipgloss.Style
	Box, Section, Input, PaletteHit, Disabled lipgloss.Style
}

// NewTheme builds the theme for a dark or light terminal background.
func NewTheme(isDark bool) *Theme {
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

// NewPlainTheme builds the colourless theme used when NO_COLOR is set.
func NewPlainTheme(isDark bool) *Theme {
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
	t.Header = fg(p.Primary).Bold(true)
	t.HeaderDim = fg(p.Muted)
	t.Tab = fg(p.Muted)
	t.TabActive = fg(p.Primary).Bold(true)
	t.Title = fg(p.Primary).Bold(true)
	t.Muted = fg(p.Muted)
	t.Text = fg(p.Text)
	t.Bold = fg(p.Text).Bold(true)
	t.Status = fg(p.OK)
	t.StatusError = fg(p.Danger).Bold(true)
	t.HelpKey = fg(p.Primary).Bold(true)
	t.HelpDesc = fg(p.Muted)
	t.TableHeader = fg(p.Muted).Bold(true)
	t.Selected = lipgloss.NewStyle().Bold(true)
	if noColor {
		t.Selected = t.Selected.Reverse(true)
	} else {
		t.Selected = t.Selected.Foreground(p.Text).Background(p.Subtle)
	}
	t.Marked = fg(p.Warn).Bold(true)
	t.OnTrack = fg(p.OK)
	t.AtRisk = fg(p.Warn).Bold(true)
	t.Breached = fg(p.Danger).Bold(true)
	t.Met = fg(p.Muted)
	t.Marketing = fg(p.Marketing)
	t.Sales = fg(p.Sales)
	t.Danger = fg(p.Danger)
	t.OK = fg(p.OK)
	t.Warn = fg(p.Warn)
	t.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if p.Primary != nil {
		t.Box = t.Box.BorderForeground(p.Primary)
	}
	t.Section = fg(p.Primary).Bold(true)
	t.Input = fg(p.Text)
	t.PaletteHit = fg(p.Primary).Bold(true)
	t.Disabled = fg(p.Muted).Strikethrough(false)
	return t
}

// Stage styles a stage label in the stage's colour.
func (t *Theme) Stage(s model.Stage) lipgloss.Style {
	c := t.Palette.Stage[s]
	if c == nil {
		return lipgloss.NewStyle()
	}
	return lipgloss.NewStyle().Foreground(c)
}

// Clock styles an SLA figure by its state.
func (t *Theme) Clock(s model.ClockState) lipgloss.Style {
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
func (t *Theme) Team(team model.Team) lipgloss.Style {
	if team == model.TeamSales {
		return t.Sales
	}
	return t.Marketing
}
