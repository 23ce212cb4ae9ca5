package tui

import (
	"fmt"

	"align/model"
)

// An import writes one event a batch (a thousand or so leads), and so does a rescore
// (`align rules rescore`, 500 leads a batch). The feed shows a run of them, one import
// or rescore by one member, as one line with the run's totals, so importing a big file
// does not push the team's triage off the screen.

// sameRun reports whether two events are batches of one run: one member's, of one kind,
// stamped with the one instant the run started at (leadcsv.Import, Store.Rescore), and
// of one import name, or one rescore of one rule set. The instant tells apart two
// imports of one file within a second, whose names are the same.
func sameRun(a, b model.Event) bool {
	if a.Kind != b.Kind || a.Actor != b.Actor || !a.At.Equal(b.At) {
		return false
	}
	switch a.Kind {
	case model.EventLeadImported:
		return a.Import != "" && a.Import == b.Import
	case model.EventLeadRescored:
		return a.Summary == b.Summary
	}
	return false
}

// foldRun is newer, a batch, standing for older too: the run's counts, and no lead
// list (a run can name a million leads).
func foldRun(newer, older model.Event) model.Event {
	newer.New += older.New
	newer.Updated += older.Updated
	newer.Leads = nil
	return newer
}

// mergeBatchRuns folds each run of batch events in evs, newest first, into its newest event.
func mergeBatchRuns(evs []model.Event) []model.Event {
	out := make([]model.Event, 0, len(evs))
	for _, ev := range evs {
		if n := len(out); n > 0 && sameRun(out[n-1], ev) {
			out[n-1] = foldRun(out[n-1], ev)
			continue
		}
		out = append(out, ev)
	}
	return out
}

// runCounts words a batch event's counts: "9,240 leads" and ": 9,240 new, 0 updated"
// for an import, "802 leads" and ": 37 entered the MQL inbox" for a rescore; it reports false for an event that has
// none (another kind, or one written before events counted).
func runCounts(ev model.Event) (target, counts string, ok bool) {
	switch {
	case ev.Kind == model.EventLeadImported && ev.New+ev.Updated > 0:
		return model.Plural(ev.New+ev.Updated, "lead"), fmt.Sprintf(": %s new, %s updated",
			model.GroupDigits(int64(ev.New)), model.GroupDigits(int64(ev.Updated))), true
	case ev.Kind == model.EventLeadRescored && ev.Updated > 0:
		if ev.New > 0 {
			counts = fmt.Sprintf(": %s entered the MQL inbox", model.GroupDigits(int64(ev.New)))
		}
		return model.Plural(ev.Updated, "lead"), counts, true
	}
	return "", "", false
}
