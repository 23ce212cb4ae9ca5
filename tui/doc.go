// Package tui is align's terminal workspace: the root App that cmd/align runs once
// per local terminal and once per SSH session, the screens it shows (lead queues,
// feed, team, and the ones other packages of work plug in through Screen), the
// theme and the key map.
//
// It talks to storage only through the Store interface it declares, so every screen
// runs against tuitest's in-memory store in tests. Nothing in the package is shared
// between sessions: each App has its own Context, theme and keys.
package tui
