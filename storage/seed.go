package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// seedActor signs the creation events Seed writes for leads whose history the
// workspace does not carry.
const seedActor = "align"

// Seed loads a whole workspace (the sample of `align demo` and of the first-run
// screen) into an empty store, and refuses a store that has leads or members. Leads
// keep their IDs; their events are written oldest first, a lead without any gets a
// creation event, and each lead's Version is set to its number of events so the
// history invariant holds from the start.
func (s *Store) Seed(ctx context.Context, ws model.Workspace) error {
	if err := s.writable(); err != nil {
		return err
	}
	rules := ws.Rules
	if len(rules.Rules) == 0 {
		rules = model.DefaultRuleSet()
	}
	rules.Version = max(rules.Version, 1)
	sc, err := model.CompileRules(rules)
	if err != nil {
		return fmt.Errorf("the workspace's scoring rules do not compile: %w", err)
	}
	set := ws.Settings
	if set.SLA.Accept <= 0 || set.SLA.FirstTouch <= 0 {
		set.SLA = model.DefaultSLA()
	}

	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	empty, err := s.Empty()
	if err != nil {
		return err
	}
	if !empty {
		return sentence(ErrNotEmpty, nil, "This workspace already has leads or members; the sample is only loaded into a new, empty workspace.")
	}
	b := &seedBatch{wb: s.db.NewWriteBatch(), counters: map[string]int64{}}
	defer b.wb.Cancel()
	if err := b.workspace(ws, set, rules); err != nil {
		return err
	}
	if err := b.leadsAndEvents(ctx, ws.Leads, ws.Events); err != nil {
		return err
	}
	for name, n := range b.counters {
		if n > 0 {
			b.put(counterKey(name), be8(uint64(n)))
		}
	}
	if b.err == nil {
		b.err = b.wb.Flush()
	}
	if b.err != nil {
		return fmt.Errorf("align could not load the workspace: %w", b.err)
	}
	s.cacheMu.Lock()
	s.settings = set
	s.cacheMu.Unlock()
	s.setRules(rules, sc)
	s.feed.publish(model.FeedItem{Reload: true})
	return nil
}

// seedBatch writes a seed through one Badger WriteBatch, keeping the first error.
type seedBatch struct {
	wb       *badger.WriteBatch
	counters map[string]int64
	err      error
}

func (b *seedBatch) put(k, v []byte) {
	if b.err == nil {
		b.err = b.wb.Set(k, v)
	}
}

func (b *seedBatch) putEntry(e *badger.Entry) {
	if b.err == nil {
		b.err = b.wb.SetEntry(e)
	}
}

func (b *seedBatch) putJSON(k []byte, v any) {
	data, err := json.Marshal(v)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.put(k, data)
}

// workspace writes settings, rules, members with their key index, and the cards.
func (b *seedBatch) workspace(ws model.Workspace, set model.Settings, rules model.RuleSet) error {
	b.putJSON(keySettings, set)
	b.putJSON(keyRules, rules)
	b.putJSON(ruleHistoryKey(rules.Version), rules)
	keys := map[string]string{}
	for _, m := range ws.Members {
		m, fps, err := checkMember(m)
		if err != nil {
			return err
		}
		for _, fp := range fps {
			if other, ok := keys[fp]; ok && other != m.Name {
				return fmt.Errorf("the key %s belongs to both %s and %s", fp, other, m.Name)
			}
			keys[fp] = m.Name
			b.put(fingerprintKey(fp), []byte(m.Name))
		}
		b.putJSON(memberKey(m.Name), m)
	}
	for _, p := range ws.Personas {
		if err := checkSlug("persona", p.ID); err != nil {
			return err
		}
		b.putJSON(personaKey(p.ID), p)
	}
	for _, st := range ws.Journey {
		if err := checkSlug("journey stage", st.ID); err != nil {
			return err
		}
		b.putJSON(journeyKey(st.ID), st)
	}
	for _, c := range ws.Campaigns {
		if err := checkSlug("campaign", c.ID); err != nil {
			return err
		}
		b.putJSON(campaignKey(c.ID), c)
	}
	return nil
}

// leadsAndEvents writes the leads with their indexes and the audit log with the
// history pointers, so that every lead's Version is its number of events.
func (b *seedBatch) leadsAndEvents(ctx context.Context, leads []model.Lead, events []model.Event) error {
	var lastID uint64
	for _, l := range leads {
		lastID = max(lastID, uint64(l.ID))
	}
	byID := make(map[model.LeadID]int, len(leads))
	unique := map[string]model.LeadID{}
	for i := range leads {
		l := &leads[i]
		if l.ID == 0 {
			lastID++
			l.ID = model.LeadID(lastID)
		}
		if _, dup := byID[l.ID]; dup {
			return fmt.Errorf("the workspace has two leads with ID %s", l.ID)
		}
		byID[l.ID] = i
		if err := model.ValidateLead(l); err != nil {
			return fmt.Errorf("lead %s: %w", l.ID, err)
		}
		for _, e := range entries(l) {
			if e.unique == "" {
				continue
			}
			if other, ok := unique[string(e.key)]; ok {
				return fmt.Errorf("leads %s and %s have the same %s", other, l.ID, e.unique)
			}
			unique[string(e.key)] = l.ID
		}
	}

	// Every lead gets a history: its own events, or a creation event.
	all := slices.Clone(events)
	count := make(map[model.LeadID]uint64, len(leads))
	for _, ev := range events {
		for _, id := range eventLeads(ev) {
			count[id]++
		}
	}
	for _, l := range leads {
		if count[l.ID] == 0 {
			all = append(all, model.Event{At: l.Created, Actor: seedActor, Kind: model.EventLeadCreated, Lead: l.ID, Summary: "created"})
			count[l.ID] = 1
		}
	}
	slices.SortStableFunc(all, func(a, b model.Event) int { return a.At.Compare(b.At) })
	for i := range all {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		ev := &all[i]
		ev.Seq = uint64(i + 1)
		rec, batch, err := encodeEvent(ev)
		if err != nil {
			return err
		}
		b.putEntry(rec)
		if batch != nil {
			b.putEntry(batch)
		}
		for _, id := range eventLeads(*ev) {
			if _, ok := byID[id]; !ok {
				return fmt.Errorf("event %d names lead %s, which the workspace does not have", i+1, id)
			}
			b.put(historyKey(id, ev.Seq), nil)
		}
	}
	for i := range leads {
		l := &leads[i]
		l.Version = count[l.ID]
		b.putJSON(leadKey(l.ID), l)
		b.counters[counterAll]++
		for _, e := range entries(l) {
			b.put(e.key, e.value)
			if e.counter != "" {
				b.counters[e.counter]++
			}
		}
	}
	b.put(keySeqLead, be8(lastID))
	b.put(keySeqEvent, be8(uint64(len(all))))
	return b.err
}

// eventLeads lists the leads an event touched, each once.
func eventLeads(ev model.Event) []model.LeadID {
	var out []model.LeadID
	if ev.Lead != 0 {
		out = append(out, ev.Lead)
	}
	for _, id := range ev.Leads {
		if id != ev.Lead && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
