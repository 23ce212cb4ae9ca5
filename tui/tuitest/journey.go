package tuitest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"align/model"
)

// boardState is what the persona cards and the journey board add to the Store: the
// campaigns, and one sorted index per journey column, kept current by replaying the
// audit log's lead changes since it was last read (so Do and Undo need not know it).
type boardState struct {
	campaigns []model.Campaign
	columns   map[string][]model.Cursor
	// seen is how many events the columns reflect.
	seen int
}

func journeyCursor(l *model.Lead) model.Cursor {
	return model.Cursor{Key: l.JourneySince.UnixMilli(), ID: l.ID}
}

// onBoard says whether the lead is a card on the journey board, as the store's j/
// index holds it.
func onBoard(l *model.Lead) bool { return l.Journey != "" && l.Stage.OnJourney() }

// column returns the stage's sorted cursors, building or catching them up first.
func (s *Store) column(stage string) []model.Cursor {
	b := &s.board
	if b.columns == nil {
		b.columns = map[string][]model.Cursor{}
		for i := range s.leads {
			l := &s.leads[i]
			if onBoard(l) {
				b.columns[l.Journey] = append(b.columns[l.Journey], journeyCursor(l))
			}
		}
		for _, c := range b.columns {
			slices.SortFunc(c, cmpCursor)
		}
		b.seen = len(s.events)
	}
	if b.seen < len(s.events) {
		touched := map[model.LeadID]bool{}
		for _, ev := range s.events[b.seen:] {
			if ev.Before == nil {
				continue
			}
			if old := ev.Before; onBoard(old) {
				b.remove(old.Journey, journeyCursor(old))
			}
			touched[ev.Lead] = true
		}
		for id := range touched {
			l := &s.leads[id-1]
			if onBoard(l) {
				b.insert(l.Journey, journeyCursor(l))
			}
		}
		b.seen = len(s.events)
	}
	return b.columns[stage]
}

func (b *boardState) remove(stage string, c model.Cursor) {
	idx := b.columns[stage]
	if i, ok := slices.BinarySearchFunc(idx, c, cmpCursor); ok {
		b.columns[stage] = slices.Delete(idx, i, i+1)
	}
}

func (b *boardState) insert(stage string, c model.Cursor) {
	idx := b.columns[stage]
	if i, ok := slices.BinarySearchFunc(idx, c, cmpCursor); !ok {
		b.columns[stage] = slices.Insert(idx, i, c)
	}
}

// JourneyCount is the number of leads in the stage.
func (s *Store) JourneyCount(stage string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return 0, s.Err
	}
	return len(s.column(stage)), nil
}

// JourneyPage walks a column from the cursor, reading at most scan entries, and
// returns up to n leads that keep accepts.
func (s *Store) JourneyPage(stage string, at *model.Cursor, n, scan int, reverse bool, keep func(*model.Lead) bool) ([]model.Lead, model.Cursor, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, model.Cursor{}, true, s.Err
	}
	idx := s.column(stage)
	var out []model.Lead
	var last model.Cursor
	step, i := 1, 0
	if reverse {
		step, i = -1, len(idx)-1
	}
	if at != nil {
		j, found := slices.BinarySearchFunc(idx, *at, cmpCursor)
		switch {
		case !reverse && found:
			i = j + 1
		case !reverse:
			i = j
		default:
			i = j - 1
		}
	}
	for read := 0; i >= 0 && i < len(idx) && len(out) < n && read < scan; i, read = i+step, read+1 {
		last = idx[i]
		l := &s.leads[idx[i].ID-1]
		if keep == nil || keep(l) {
			out = append(out, l.Clone())
		}
	}
	return out, last, i < 0 || i >= len(idx), nil
}

// JourneyMedian is when the stage's median lead entered it.
func (s *Store) JourneyMedian(stage string) (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return time.Time{}, s.Err
	}
	idx := s.column(stage)
	if len(idx) == 0 {
		return time.Time{}, nil
	}
	return time.UnixMilli(idx[len(idx)/2].Key).UTC(), nil
}

// PersonaStats counts the leads linked to the persona and the won ones among them.
func (s *Store) PersonaStats(id string) (linked, won int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return 0, 0, s.Err
	}
	for i := range s.leads {
		if s.leads[i].Persona == id {
			linked++
			if s.leads[i].Stage == model.StageWon {
				won++
			}
		}
	}
	return linked, won, nil
}

// PersonaLeads returns up to n leads linked to the persona with an ID above after.
func (s *Store) PersonaLeads(id string, after model.LeadID, n int) ([]model.Lead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	var out []model.Lead
	for i := int(after); i < len(s.leads) && len(out) < n; i++ {
		if s.leads[i].Persona == id {
			out = append(out, s.leads[i].Clone())
		}
	}
	return out, nil
}

// Campaigns are the workspace's campaigns.
func (s *Store) Campaigns() ([]model.Campaign, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.board.campaigns), s.Err
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// PutPersona creates or changes a persona with the storage package's rules: the
// role, a usable ID and name, and the version the editor read.
func (s *Store) PutPersona(ctx context.Context, actor model.Member, p model.Persona) error {
	if err := model.Check(actor.Role, model.ActEditPersona); err != nil {
		return err
	}
	if !slugRE.MatchString(p.ID) {
		return fmt.Errorf("%q is not a usable persona ID; use lowercase letters, digits and dashes, such as ops-olga", p.ID)
	}
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("the persona needs a name")
	}
	if err := model.ValidateNote(p.Messaging); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Updated, p.UpdatedBy = s.now(), actor.Name
	i := slices.IndexFunc(s.personas, func(x model.Persona) bool { return x.ID == p.ID })
	verb := "added"
	if i >= 0 {
		cur := s.personas[i]
		if p.Version != 0 && p.Version != cur.Version {
			return fmt.Errorf("the persona %s was changed by someone else since you opened it; reload it and try again", cur.Name)
		}
		p.Version, verb = cur.Version+1, "changed"
		s.personas[i] = p
	} else {
		p.Version = 1
		s.personas = append(s.personas, p)
	}
	slices.SortFunc(s.personas, func(a, b model.Persona) int { return strings.Compare(a.Name, b.Name) })
	s.card(model.Event{Actor: actor.Name, Kind: model.EventPersona, Subject: p.ID, Summary: verb + " the persona " + p.Name})
	return nil
}

// DeletePersona removes a persona that no lead is linked to.
func (s *Store) DeletePersona(ctx context.Context, actor model.Member, id string) error {
	if err := model.Check(actor.Role, model.ActEditPersona); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.personas, func(x model.Persona) bool { return x.ID == id })
	if i < 0 {
		return fmt.Errorf("there is no persona %q", id)
	}
	n := 0
	for j := range s.leads {
		if s.leads[j].Persona == id {
			n++
		}
	}
	if n > 0 {
		return fmt.Errorf("%d leads are linked to the persona %s; link them to another persona first, then delete it", n, s.personas[i].Name)
	}
	name := s.personas[i].Name
	s.personas = slices.Delete(s.personas, i, i+1)
	s.card(model.Event{Actor: actor.Name, Kind: model.EventPersona, Subject: id, Summary: "deleted the persona " + name})
	return nil
}

// PutJourneyStage creates or changes a journey stage. Editing a stage's guide is for
// marketing, leadership and admins; adding one, renaming it or moving it on the
// board is for leadership and admins only, as in storage.
func (s *Store) PutJourneyStage(ctx context.Context, actor model.Member, st model.JourneyStage) error {
	if err := model.Check(actor.Role, model.ActEditJourney); err != nil {
		return err
	}
	if !slugRE.MatchString(st.ID) {
		return fmt.Errorf("%q is not a usable journey stage ID; use lowercase letters, digits and dashes", st.ID)
	}
	if strings.TrimSpace(st.Name) == "" {
		return errors.New("the journey stage needs a name")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st.Updated, st.UpdatedBy = s.now(), actor.Name
	i := slices.IndexFunc(s.journey, func(x model.JourneyStage) bool { return x.ID == st.ID })
	structural := i < 0 || s.journey[i].Name != st.Name || s.journey[i].Order != st.Order
	if structural && actor.Role != model.RoleLeadership && actor.Role != model.RoleAdmin {
		return fmt.Errorf("only leadership or admins may add, rename or reorder journey stages; you are signed in as %s", actor.Role.Label())
	}
	verb := "added"
	if i >= 0 {
		if st.Version != 0 && st.Version != s.journey[i].Version {
			return fmt.Errorf("the journey stage %s was changed by someone else since you opened it; reload it and try again", st.Name)
		}
		st.Version, verb = s.journey[i].Version+1, "changed"
		s.journey[i] = st
	} else {
		st.Version = 1
		s.journey = append(s.journey, st)
	}
	slices.SortStableFunc(s.journey, func(a, b model.JourneyStage) int { return a.Order - b.Order })
	s.card(model.Event{Actor: actor.Name, Kind: model.EventJourney, Subject: st.ID, Summary: verb + " the journey stage " + st.Name})
	return nil
}

// card records a workspace-card event and publishes it, as storage does.
func (s *Store) card(ev model.Event) {
	ev.Seq, ev.At = uint64(len(s.events)+1), s.now()
	s.events = append(s.events, ev)
	item := model.FeedItem{Event: ev}
	for sb := range s.subs {
		select {
		case sb.ch <- item:
		default:
			sb.lagged = true
		}
	}
}
