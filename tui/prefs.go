package tui

import tea "charm.land/bubbletea/v2"

// A member's choices for this session, from the palette: the theme, when the one the
// terminal's background picked does not suit (or the terminal never said), and
// whether teammates' @mentions interrupt on the status line (product.md:
// "notifications a member can mute"). They last until the session ends.

// prefCommands are the palette's entries for them, each naming what it turns to.
func (a *App) prefCommands() []Command {
	theme, to := "Light theme", "light"
	if !a.isDark {
		theme, to = "Dark theme", "dark"
	}
	mute := Command{Label: "Mute mentions", Also: "notifications quiet silence", Run: func() tea.Cmd {
		a.muted = true
		a.status = status{text: "Mentions muted: the feed (5) still lists them; Unmute mentions in the palette brings them back."}
		return nil
	}}
	if a.muted {
		mute = Command{Label: "Unmute mentions", Also: "notifications", Run: func() tea.Cmd {
			a.muted = false
			a.status = status{text: "Mentions unmuted: a teammate's @you shows here again."}
			return nil
		}}
	}
	return []Command{
		{Label: theme, Also: "theme colours colors background", Run: func() tea.Cmd {
			a.isDark, a.themeChosen = !a.isDark, true
			a.status = status{text: "Switched to the " + to + " theme for this session."}
			return a.retheme()
		}},
		mute,
	}
}
