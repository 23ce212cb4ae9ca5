package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"
)

// A member's choices for this session, from the palette: the theme, when the one the
// terminal's background picked does not suit (or the terminal never said), and
// whether teammates' @mentions interrupt on the status line (product.md:
// "notifications a member can mute"). They last until the session ends.

// prefCommands are the palette's entries for them. The choice in effect is listed as
// refused with a sentence when asked for by name: "dark" found nothing while the dark
// theme was on (user review).
func (a *App) prefCommands() []Command {
	theme := func(dark bool) Command {
		label, word := "Light theme", "light"
		if dark {
			label, word = "Dark theme", "dark"
		}
		cmd := Command{Label: label, Also: "theme colours colors background", Run: func() tea.Cmd {
			a.isDark, a.themeChosen = dark, true
			a.status = status{text: "Switched to the " + word + " theme for this session."}
			return a.retheme()
		}}
		if a.isDark == dark {
			cmd.Refusal = errors.New("the " + word + " theme is on already")
		}
		return cmd
	}
	mute := func(muted bool) Command {
		cmd := Command{Label: "Mute mentions", Also: "notifications quiet silence", Run: func() tea.Cmd {
			a.muted = true
			a.status = status{text: "Mentions muted: the feed (5) still lists them; Unmute mentions in the palette brings them back."}
			return nil
		}}
		if !muted {
			cmd = Command{Label: "Unmute mentions", Also: "notifications", Run: func() tea.Cmd {
				a.muted = false
				a.status = status{text: "Mentions unmuted: a teammate's @you shows here again."}
				return nil
			}}
		}
		switch {
		case muted && a.muted:
			cmd.Refusal = errors.New("mentions are muted already")
		case !muted && !a.muted:
			cmd.Refusal = errors.New("mentions are not muted")
		}
		return cmd
	}
	return []Command{theme(false), theme(true), mute(true), mute(false)}
}
