package tui

import (
	"fmt"

	"align/model"
)

// An import writes one event a batch (a thousand or so leads). The feed shows a run of
// them, one import by one member, as one line with the run's totals, so importing a
// big file does not push the team's triage off the screen.

// sameImport reports whether two events are batches of one import run: one member's,
// of one name, stamped with the one instant the run started at (leadcsv.Import), which
// tells apart two imports of one file within a second, whose names are the same.
func sameImport(a, b model.Event) bool {
	return a.Kind == model.EventLeadImported && b.Kind == model.EventLeadImported &&
		a.Import != "" && a.Import == b.Import && a.Actor == b.Actor && a.At.Equal(b.At)
}

// foldImport is newer, an import batch, standing for older too: the run's counts, and
// no lead list (a run can name a million leads).
func foldImport(newer, older model.Event) model.Event {
	newer.New += older.New
	newer.Updated += older.Updated
	newer.Leads = nil
	return newer
}

// mergeImports folds each run of one import's batch events in evs, newest first, into
// its newest event.
func mergeImports(evs []model.Event) []model.Event {
	out := make([]model.Event, 0, len(evs))
	for _, ev := range evs {
		if n := len(out); n > 0 && sameImport(out[n-1], ev) {
			out[n-1] = foldImport(out[n-1], ev)
			continue
		}
		out = append(out, ev)
	}
	return out
}

// importCounts words an import event's counts, "9240 leads" and ": 9240 new, 0
// updated", or reports false for an event that has none (not an import, or one
// written before events counted).
func importCounts(ev model.Event) (target, counts string, ok bool) {
	if ev.Kind != model.EventLeadImported || ev.New+ev.Updated == 0 {
		return "", "", false
	}
	return fmt.Sprintf("%d leads", ev.New+ev.Updated), fmt.Sprintf(": %d new, %d updated", ev.New, ev.Updated), true
}
