package tui

import (
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// errNoLead is the answer to a triage action with no lead under the cursor.
var errNoLead = errors.New("there is no lead here to act on; pick one from a queue first")

// offered are the triage actions, with their keys, that the member may take on the
// lead now: model.Available decides, for the lead's stage and the member's role. The
// help line and the palette offer exactly these.
// The help line asks on every frame, so the answer is kept for the lead's version and
// the member's role (s.offers).
func (s *queueScreen) offered(l model.Lead) []actionKey {
	me := s.c.Me()
	k := offerKey{id: l.ID, version: l.Version, name: me.Name, role: me.Role}
	if s.offers.ok && s.offers.key == k {
		return s.offers.keys
	}
	avail := model.Available(l, me, s.c.env())
	var out []actionKey
	for _, ak := range s.c.Keys.Queue.actionKeys() {
		if slices.Contains(avail, ak.Action) {
			out = append(out, ak)
		}
	}
	s.offers = offerMemo{key: k, keys: out, ok: true}
	return out
}

// offerMemo is the last answer of offered.
type offerMemo struct {
	key  offerKey
	keys []actionKey
	ok   bool
}

// offerKey is what model.Available depends on: the lead, as of its version, and who asks.
type offerKey struct {
	id      model.LeadID
	version uint64
	name    string
	role    model.Role
}

// Commands offers the palette the triage actions that fit the current lead (or the
// selection, for a bulk action) and the queues. The other actions come with the
// model's sentence saying who may or why not, which the palette shows only when asked
// for by name.
func (s *queueScreen) Commands() []Command {
	var out []Command
	cur, ok := s.current()
	var offered []actionKey
	if ok {
		offered = s.offered(cur)
	}
	for _, ak := range s.c.Keys.Queue.actionKeys() {
		a := ak.Action
		c := Command{Label: a.Label() + s.subject(a, cur, ok), Also: string(a), Key: ak.Key.Help().Key}
		if s.onSelection(a) || slices.ContainsFunc(offered, func(o actionKey) bool { return o.Action == a }) {
			c.Run = func() tea.Cmd { return s.triage(a) }
		} else {
			c.Refusal = s.whyNot(a, cur, ok)
		}
		out = append(out, c)
	}
	for _, q := range model.Queues {
		out = append(out, Command{Label: "Open queue: " + q.Title(), Run: func() tea.Cmd {
			return tea.Batch(
				func() tea.Msg { return switchScreenMsg{Number: 1} },
				func() tea.Msg { return setQueueMsg{Queue: q} })
		}})
	}
	return out
}

// onSelection reports whether the action would apply to marked leads, as a bulk
// action the member's role may take; each lead then answers for itself.
func (s *queueScreen) onSelection(a model.Action) bool {
	return bulkActions[a] && len(s.marked) > 0 && model.Can(s.c.Me().Role, a)
}

// subject names what a palette action acts on: the selection or the current lead.
func (s *queueScreen) subject(a model.Action, cur model.Lead, ok bool) string {
	switch {
	case s.onSelection(a):
		return fmt.Sprintf(" · %d selected", len(s.marked))
	case ok:
		return " · " + leadName(cur)
	}
	return ""
}

// whyNot is the sentence for an action that does not fit: the role's refusal naming
// who may, else the lifecycle's for the lead's stage.
func (s *queueScreen) whyNot(a model.Action, cur model.Lead, ok bool) error {
	if err := model.Check(s.c.Me().Role, a); err != nil {
		return err
	}
	if !ok {
		return errNoLead
	}
	if err := refusal(s.c, cur, a); err != nil {
		return err
	}
	return fmt.Errorf("%q does not fit %s at stage %s", a.Label(), leadName(cur), cur.Stage.Label())
}
