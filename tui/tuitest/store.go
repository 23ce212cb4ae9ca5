// Package tuitest holds an in-memory workspace store and fixed data sets for testing
// the terminal workspace without Badger: Update tests, golden files and benchmarks.
package tuitest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"align/model"
)

// Store is an in-memory workspace that implements tui.Store with the model's own
// rules (model.Apply, model.Undo, Queue.Holds and SortKey). Each queue keeps a sorted
// slice of cursors, built on first use and kept current on every change, so paging
// costs a binary search even at a million leads.
type Store struct {
	mu       sync.Mutex
	leads    []model.Lead // by ID-1
	events   []model.Event
	members  []model.Member
	settings model.Settings
	personas []model.Persona
	journey  []model.JourneyStage
	index    map[indexKey][]model.Cursor
	undone   map[uint64]bool
	subs     map[*sub]struct{}
	now      func() time.Time
	// board holds the campaigns and journey columns (journey.go).
	board boardState

	// Err, when set, makes every read fail with it, to test how screens show errors.
	Err error
}

type indexKey struct {
	q  model.Queue
	me string
}

type sub struct {
	ch     chan model.FeedItem
	lagged bool
}

// NewStore holds the workspace; leads are renumbered 1..n in their order, and now is
// the clock that changes are stamped with. It takes ws.Leads over rather than copy
// them, so a million-lead benchmark pays for its leads once.
func NewStore(ws model.Workspace, now func() time.Time) *Store {
	s := &Store{
		members: ws.Members, settings: ws.Settings, personas: ws.Personas, journey: ws.Journey,
		index: map[indexKey][]model.Cursor{}, undone: map[uint64]bool{}, subs: map[*sub]struct{}{}, now: now,
		board: boardState{campaigns: ws.Campaigns},
	}
	s.leads = ws.Leads
	for i := range s.leads {
		s.leads[i].ID = model.LeadID(i + 1)
	}
	for i, ev := range ws.Events {
		ev.Seq = uint64(i + 1)
		s.events = append(s.events, ev)
	}
	if s.settings.SLA.Accept == 0 {
		s.settings.SLA = model.DefaultSLA()
	}
	return s
}

// Subscribe returns the change feed and the function that ends the subscription.
func (s *Store) Subscribe() (<-chan model.FeedItem, func()) {
	sb := &sub{ch: make(chan model.FeedItem, 64)}
	s.mu.Lock()
	s.subs[sb] = struct{}{}
	s.mu.Unlock()
	var once sync.Once
	return sb.ch, func() {
		once.Do(func() {
			s.mu.Lock()
			delete(s.subs, sb)
			s.mu.Unlock()
			close(sb.ch)
		})
	}
}

// cursors returns the queue's sorted index, building it on first use.
func (s *Store) cursors(q model.Queue, me string) []model.Cursor {
	k := indexKey{q, ""}
	if q == model.QueueMine {
		k.me = me
	}
	if c, ok := s.index[k]; ok {
		return c
	}
	var out []model.Cursor
	for i := range s.leads {
		if q.Holds(&s.leads[i], me) {
			out = append(out, model.CursorOf(q, &s.leads[i]))
		}
	}
	slices.SortFunc(out, cmpCursor)
	s.index[k] = out
	return out
}

func cmpCursor(a, b model.Cursor) int {
	switch {
	case a.Key < b.Key:
		return -1
	case a.Key > b.Key:
		return 1
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// Page returns up to n leads after the cursor (exclusive), in queue order.
func (s *Store) Page(q model.Queue, me string, after *model.Cursor, n int) ([]model.Lead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	idx := s.cursors(q, me)
	start := startAfter(idx, after)
	return s.read(idx[start:min(start+max(n, 0), len(idx))]), nil
}

// PageBefore returns up to n leads just before the cursor (exclusive; the end when
// nil), in queue order.
func (s *Store) PageBefore(q model.Queue, me string, before *model.Cursor, n int) ([]model.Lead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	idx := s.cursors(q, me)
	end := len(idx)
	if before != nil {
		end, _ = slices.BinarySearchFunc(idx, *before, cmpCursor)
	}
	return s.read(idx[max(end-max(n, 0), 0):end]), nil
}

func (s *Store) read(cs []model.Cursor) []model.Lead {
	out := make([]model.Lead, len(cs))
	for i, c := range cs {
		out[i] = s.leads[c.ID-1].Clone()
	}
	return out
}

// Count is the number of leads in the queue.
func (s *Store) Count(q model.Queue, me string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return 0, s.Err
	}
	return len(s.cursors(q, me)), nil
}

// Lead reads one lead.
func (s *Store) Lead(id model.LeadID) (model.Lead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lead(id)
}

func (s *Store) lead(id model.LeadID) (model.Lead, error) {
	if s.Err != nil {
		return model.Lead{}, s.Err
	}
	if id == 0 || int(id) > len(s.leads) {
		return model.Lead{}, fmt.Errorf("there is no lead %s", id)
	}
	return s.leads[id-1].Clone(), nil
}

// History is the lead's events, oldest first.
func (s *Store) History(id model.LeadID) ([]model.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	var out []model.Event
	for _, ev := range s.events {
		if ev.Lead == id || slices.Contains(ev.Leads, id) {
			out = append(out, ev)
		}
	}
	return out, nil
}

// Events returns up to n events with a Seq below before (the newest when 0), newest first.
func (s *Store) Events(before uint64, n int) ([]model.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	var out []model.Event
	for i := len(s.events) - 1; i >= 0 && len(out) < n; i-- {
		if before == 0 || s.events[i].Seq < before {
			out = append(out, s.events[i])
		}
	}
	return out, nil
}

// Search returns up to n leads whose name, company or email contains the query.
func (s *Store) Search(query string, n int) ([]model.Lead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	words := model.SearchWords(query)
	var out []model.Lead
	for i := range s.leads {
		if len(out) >= n || len(words) == 0 {
			break
		}
		if l := &s.leads[i]; model.MatchesSearch(l, words) {
			out = append(out, l.Clone())
		}
	}
	return out, nil
}

// SearchQueue returns up to n leads of the queue that match the query, in queue
// order after the cursor (exclusive), reading at most scan entries of the queue.
func (s *Store) SearchQueue(q model.Queue, me, query string, after *model.Cursor, n, scan int) ([]model.Lead, model.Cursor, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, model.Cursor{}, false, s.Err
	}
	idx := s.cursors(q, me)
	start := startAfter(idx, after)
	words := model.SearchWords(query)
	var out []model.Lead
	var last model.Cursor
	i := start
	for ; i < len(idx) && len(out) < n && i-start < scan; i++ {
		last = idx[i]
		if l := &s.leads[last.ID-1]; model.MatchesSearch(l, words) {
			out = append(out, l.Clone())
		}
	}
	return out, last, i == len(idx), nil
}

// Members is the team.
func (s *Store) Members() ([]model.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.members), s.Err
}

// Personas are the persona cards.
func (s *Store) Personas() ([]model.Persona, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.personas), s.Err
}

// Journey is the buyer journey.
func (s *Store) Journey() ([]model.JourneyStage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.journey), s.Err
}

// Settings are the workspace's name and targets.
func (s *Store) Settings() (model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings, s.Err
}

func (s *Store) env() model.Env {
	return model.Env{Now: s.now(), SLA: s.settings.SLA, Member: func(name string) (model.Member, bool) {
		for _, m := range s.members {
			if m.Name == name {
				return m, true
			}
		}
		return model.Member{}, false
	}}
}

// Do applies a command with the model's rules, records the event and publishes it.
func (s *Store) Do(ctx context.Context, actor model.Member, c model.Command) (model.Lead, model.Event, error) {
	if err := ctx.Err(); err != nil {
		return model.Lead{}, model.Event{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.lead(c.Lead)
	if err != nil {
		return model.Lead{}, model.Event{}, err
	}
	n, ev, err := model.Apply(l, c, actor, s.env())
	if err != nil {
		return l, model.Event{}, err
	}
	return s.commit(l, n, ev)
}

// Undo undoes the actor's own last change that nobody undid yet.
func (s *Store) Undo(ctx context.Context, actor model.Member) (model.Lead, model.Event, error) {
	if err := ctx.Err(); err != nil {
		return model.Lead{}, model.Event{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.events) - 1; i >= 0; i-- {
		ev := s.events[i]
		if ev.Actor != actor.Name || ev.Before == nil || ev.Action == model.ActUndo || s.undone[ev.Seq] {
			continue
		}
		l, err := s.lead(ev.Lead)
		if err != nil {
			return model.Lead{}, model.Event{}, err
		}
		// The lead's later changes, when all are notes or rescores, as the real store
		// counts them (storage.notesSince).
		passed := 0
		for _, later := range s.events[i+1:] {
			if later.Lead != ev.Lead && !slices.Contains(later.Leads, ev.Lead) {
				continue
			}
			if later.Action != model.ActNote && later.Kind != model.EventLeadRescored {
				passed = 0
				break
			}
			passed++
		}
		n, out, err := model.UndoPastNotes(l, ev, passed, actor, s.env())
		if err != nil {
			return l, model.Event{}, err
		}
		s.undone[ev.Seq] = true
		return s.commit(l, n, out)
	}
	return model.Lead{}, model.Event{}, errors.New("you have no change of your own to undo")
}

// commit stores the new lead version, moves it in every index, and publishes.
func (s *Store) commit(old, n model.Lead, ev model.Event) (model.Lead, model.Event, error) {
	ev.Seq = uint64(len(s.events) + 1)
	s.events = append(s.events, ev)
	s.leads[n.ID-1] = n
	for k, idx := range s.index {
		if k.q.Holds(&old, k.me) {
			c := model.CursorOf(k.q, &old)
			if i, ok := slices.BinarySearchFunc(idx, c, cmpCursor); ok {
				idx = slices.Delete(idx, i, i+1)
			}
		}
		if k.q.Holds(&n, k.me) {
			c := model.CursorOf(k.q, &n)
			i, _ := slices.BinarySearchFunc(idx, c, cmpCursor)
			idx = slices.Insert(idx, i, c)
		}
		s.index[k] = idx
	}
	item := model.FeedItem{Event: ev, Leads: []model.Lead{n.Clone()}}
	for sb := range s.subs {
		if sb.lagged {
			select {
			case sb.ch <- model.FeedItem{Reload: true}:
				sb.lagged = false
			default:
				continue
			}
		}
		select {
		case sb.ch <- item:
		default:
			sb.lagged = true
		}
	}
	return n.Clone(), ev, nil
}

// startAfter is the index of the first cursor of idx after after (exclusive); 0 for none.
func startAfter(idx []model.Cursor, after *model.Cursor) int {
	if after == nil {
		return 0
	}
	i, found := slices.BinarySearchFunc(idx, *after, cmpCursor)
	if found {
		i++
	}
	return i
}
