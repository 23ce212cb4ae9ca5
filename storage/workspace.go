package storage

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// EventSettings is the audit event kind of a settings change; model has no kind for
// it because only the store records settings.
const EventSettings model.EventKind = "settings.changed"

// loadCaches reads the settings and compiles the rule set once, at Open, so no write
// decodes or compiles them again.
func (s *Store) loadCaches() error {
	var (
		set   model.Settings
		rules model.RuleSet
	)
	err := s.view(func(txn *badger.Txn) error {
		var err error
		if set, err = readSettings(txn); err != nil {
			return err
		}
		rules, err = readRules(txn)
		return err
	})
	if err != nil {
		return fmt.Errorf("align could not read its settings: %w", err)
	}
	sc, err := model.CompileRules(rules)
	if err != nil {
		return fmt.Errorf("the stored scoring rules (version %d) no longer compile: %w", rules.Version, err)
	}
	s.cacheMu.Lock()
	s.settings = set
	s.cacheMu.Unlock()
	s.setRules(rules, sc)
	return nil
}

// setRules caches the rule set in force, compiled, and the scorer that imports and
// rescores use: the same rules linking leads only to the personas the workspace has
// (model.Scorer.ForPersonas). The default rules linked the leads of a new workspace to
// the sample personas, cards nobody could open (new-user review). The three change in
// one locked step, so a reader never pairs one version's number with another's scorer
// (scoring). It runs when the rules are compiled and after a persona card is added or
// deleted; should the cards not read, the rules link to any persona, as before.
func (s *Store) setRules(rules model.RuleSet, sc *model.Scorer) {
	linking := sc
	if ps, err := s.Personas(); err == nil {
		ids := make([]string, len(ps))
		for i, p := range ps {
			ids[i] = p.ID
		}
		linking = sc.ForPersonas(ids)
	}
	s.cacheMu.Lock()
	s.rules, s.compiled, s.scorer = rules, sc, linking
	s.cacheMu.Unlock()
}

// relinkPersonas refreshes the scorer after the persona cards changed. It runs after
// a commit, under writeMu like every change of the rules, so nothing sets them between
// its read and its write.
func (s *Store) relinkPersonas() {
	s.cacheMu.RLock()
	rules, sc := s.rules, s.compiled
	s.cacheMu.RUnlock()
	s.setRules(rules, sc)
}

// scoring is the rule set in force with its scorer and the SLA, read together.
func (s *Store) scoring() (model.RuleSet, *model.Scorer, model.SLAPolicy) {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.rules, s.scorer, s.settings.SLA
}

func (s *Store) cachedSettings() model.Settings {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.settings
}

func (s *Store) cachedScorer() *model.Scorer {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.scorer
}

// readSettings reads the settings; a new store has product.md's defaults.
func readSettings(txn *badger.Txn) (model.Settings, error) {
	set := model.Settings{Name: "align", SLA: model.DefaultSLA()}
	_, err := getJSON(txn, keySettings, &set)
	return set, err
}

// readRules reads the current rule set; a new store scores with the default rules.
func readRules(txn *badger.Txn) (model.RuleSet, error) {
	rs := model.DefaultRuleSet()
	_, err := getJSON(txn, keyRules, &rs)
	return rs, err
}

// Settings returns the workspace's name and SLA targets.
func (s *Store) Settings() (model.Settings, error) { return s.cachedSettings(), nil }

// PutSettings changes the name and SLA targets (leadership and admins), audited.
func (s *Store) PutSettings(ctx context.Context, actor model.Member, set model.Settings) error {
	if err := model.Check(actor.Role, model.ActEditKPI); err != nil {
		return err
	}
	if err := model.ValidateLine("workspace name", set.Name, 80); err != nil {
		return err
	}
	if set.SLA.Accept <= 0 || set.SLA.FirstTouch <= 0 {
		return fmt.Errorf("SLA targets must be longer than zero (acceptance %s, first touch %s); enter both as durations such as 24h", set.SLA.Accept, set.SLA.FirstTouch)
	}
	return s.update(ctx, func(t *tx) error {
		old, err := readSettings(t.txn)
		if err != nil {
			return err
		}
		if err := putJSON(t.txn, keySettings, set); err != nil {
			return err
		}
		ev := model.Event{Actor: actor.Name, Kind: EventSettings, Subject: "settings", Summary: "changed the workspace settings",
			Changes: diffSettings(old, set)}
		if err := t.addEvent(&ev); err != nil {
			return err
		}
		t.feed = append(t.feed, model.FeedItem{Event: ev})
		t.after = append(t.after, func() {
			s.cacheMu.Lock()
			s.settings = set
			s.cacheMu.Unlock()
		})
		return nil
	})
}

func diffSettings(a, b model.Settings) []model.Change {
	var out []model.Change
	add := func(f, x, y string) {
		if x != y {
			out = append(out, model.Change{Field: f, Before: x, After: y})
		}
	}
	add("name", a.Name, b.Name)
	add("sla.accept", a.SLA.Accept.String(), b.SLA.Accept.String())
	add("sla.first_touch", a.SLA.FirstTouch.String(), b.SLA.FirstTouch.String())
	return out
}

// Rules returns the current scoring rule set.
func (s *Store) Rules() (model.RuleSet, error) {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.rules, nil
}

// PutRules saves a new version of the scoring rules. It compiles them first and
// refuses them with the compile error, so a broken rule never reaches scoring; every
// version is kept (RuleHistory) with who changed it and when.
func (s *Store) PutRules(ctx context.Context, actor model.Member, rs model.RuleSet) error {
	if err := model.Check(actor.Role, model.ActEditRules); err != nil {
		return err
	}
	sc, err := model.CompileRules(rs)
	if err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		cur, err := readRules(t.txn)
		if err != nil {
			return err
		}
		next := rs
		next.Version = cur.Version + 1
		next.UpdatedBy, next.Updated = actor.Name, t.now
		if err := putJSON(t.txn, keyRules, next); err != nil {
			return err
		}
		if err := putJSON(t.txn, ruleHistoryKey(next.Version), next); err != nil {
			return err
		}
		ev := model.Event{Actor: actor.Name, Kind: model.EventRules, Subject: "scoring rules",
			Summary: fmt.Sprintf("changed the scoring rules (version %d)", next.Version)}
		if err := t.addEvent(&ev); err != nil {
			return err
		}
		t.feed = append(t.feed, model.FeedItem{Event: ev})
		t.after = append(t.after, func() { s.setRules(next, sc) })
		return nil
	})
}

// RuleHistory returns every saved version of the rules, oldest first.
func (s *Store) RuleHistory() ([]model.RuleSet, error) {
	var out []model.RuleSet
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixRuleHist, func(b []byte) error {
			var rs model.RuleSet
			if err := jsonUnmarshal(b, &rs); err != nil {
				return err
			}
			out = append(out, rs)
			return nil
		})
	})
	return out, err
}

// slugRE is what a persona, journey stage or campaign ID looks like: it is part of keys
// and of rule conditions.
var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

func checkSlug(what, id string) error {
	if !slugRE.MatchString(id) {
		return fmt.Errorf("%q is not a usable %s ID; use up to 64 lowercase letters, digits, dots, dashes or underscores, such as ops-olga", id, what)
	}
	return nil
}

// Personas returns the persona cards by name.
func (s *Store) Personas() ([]model.Persona, error) {
	out, err := listCards[model.Persona](s, prefixPersonaC)
	slices.SortFunc(out, func(a, b model.Persona) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

// PutPersona creates or changes a persona card (marketing, leadership, admins), audited.
// A card whose Version is set must still be at that version, so two editors cannot
// overwrite each other.
func (s *Store) PutPersona(ctx context.Context, actor model.Member, p model.Persona) error {
	if err := model.Check(actor.Role, model.ActEditPersona); err != nil {
		return err
	}
	if err := checkSlug("persona", p.ID); err != nil {
		return err
	}
	if err := model.ValidateLine("persona name", p.Name, 80); err != nil {
		return err
	}
	if strings.TrimSpace(p.Name) == "" {
		return fmt.Errorf("the persona needs a name")
	}
	if err := model.ValidateNote(p.Messaging); err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		var cur model.Persona
		found, err := getJSON(t.txn, personaKey(p.ID), &cur)
		if err != nil {
			return err
		}
		if err := checkCardVersion("persona", p.Name, found, p.Version, cur.Version); err != nil {
			return err
		}
		p.Version, p.Updated, p.UpdatedBy = cur.Version+1, t.now, actor.Name
		if !found {
			t.after = append(t.after, s.relinkPersonas)
		}
		return t.putCard(personaKey(p.ID), p, actor, model.EventPersona, p.ID, verb(found)+" the persona "+p.Name)
	})
}

// DeletePersona removes a persona card. It refuses while leads are linked to it, so no
// lead points at a persona that is gone.
func (s *Store) DeletePersona(ctx context.Context, actor model.Member, id string) error {
	if err := model.Check(actor.Role, model.ActEditPersona); err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		var cur model.Persona
		found, err := getJSON(t.txn, personaKey(id), &cur)
		if err != nil {
			return err
		}
		if !found {
			return notFound("There is no persona %q.", id)
		}
		linked, err := getUint(t.txn, counterKey("p"+id))
		if err != nil {
			return err
		}
		if linked > 0 {
			return fmt.Errorf("%d leads are linked to the persona %s; link them to another persona first, then delete it", linked, cur.Name)
		}
		if err := t.del(personaKey(id)); err != nil {
			return err
		}
		t.after = append(t.after, s.relinkPersonas)
		ev := model.Event{Actor: actor.Name, Kind: model.EventPersona, Subject: id, Summary: "deleted the persona " + cur.Name}
		if err := t.addEvent(&ev); err != nil {
			return err
		}
		t.feed = append(t.feed, model.FeedItem{Event: ev})
		return nil
	})
}

// Journey returns the buyer-journey stages in board order; a new store has the defaults.
func (s *Store) Journey() ([]model.JourneyStage, error) {
	out, err := listCards[model.JourneyStage](s, prefixJourneyC)
	if err == nil && len(out) == 0 {
		return model.DefaultJourney(), nil
	}
	slices.SortFunc(out, func(a, b model.JourneyStage) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// PutJourneyStage creates or changes a journey stage, audited: marketing, leadership
// and admins write its guide; only leadership and admins add, rename or reorder
// stages (checkJourneyStructure).
func (s *Store) PutJourneyStage(ctx context.Context, actor model.Member, st model.JourneyStage) error {
	if err := model.Check(actor.Role, model.ActEditJourney); err != nil {
		return err
	}
	if err := checkSlug("journey stage", st.ID); err != nil {
		return err
	}
	if err := model.ValidateLine("stage name", st.Name, 80); err != nil {
		return err
	}
	if strings.TrimSpace(st.Name) == "" {
		return fmt.Errorf("the journey stage needs a name")
	}
	return s.update(ctx, func(t *tx) error {
		var cur model.JourneyStage
		found, err := getJSON(t.txn, journeyKey(st.ID), &cur)
		if err != nil {
			return err
		}
		if err := checkCardVersion("journey stage", st.Name, found, st.Version, cur.Version); err != nil {
			return err
		}
		base, known, err := t.journeyBase(st.ID, cur, found)
		if err != nil {
			return err
		}
		if err := checkJourneyStructure(actor, known, base, st); err != nil {
			return err
		}
		st.Version, st.Updated, st.UpdatedBy = cur.Version+1, t.now, actor.Name
		return t.putCard(journeyKey(st.ID), st, actor, model.EventJourney, st.ID, verb(found)+" the journey stage "+st.Name)
	})
}

// Campaigns returns the campaigns, newest launch first.
func (s *Store) Campaigns() ([]model.Campaign, error) {
	out, err := listCards[model.Campaign](s, prefixCampaignC)
	slices.SortFunc(out, func(a, b model.Campaign) int {
		if c := b.Launch.Compare(a.Launch); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// PutCampaign creates or changes a campaign (marketing, leadership, admins), audited.
func (s *Store) PutCampaign(ctx context.Context, actor model.Member, c model.Campaign) error {
	if err := model.Check(actor.Role, model.ActCampaign); err != nil {
		return err
	}
	if err := checkSlug("campaign", c.ID); err != nil {
		return err
	}
	if err := model.ValidateLine("campaign name", c.Name, 120); err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("the campaign needs a name")
	}
	if err := model.ValidateNote(c.Content); err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		var cur model.Campaign
		found, err := getJSON(t.txn, campaignKey(c.ID), &cur)
		if err != nil {
			return err
		}
		if err := checkCardVersion("campaign", c.Name, found, c.Version, cur.Version); err != nil {
			return err
		}
		c.Version = cur.Version + 1
		return t.putCard(campaignKey(c.ID), c, actor, model.EventCampaign, c.ID, verb(found)+" the campaign "+c.Name)
	})
}

// checkCardVersion refuses an edit made from an older version of the card.
func checkCardVersion(what, name string, found bool, want, have uint64) error {
	if found && want != 0 && want != have {
		return fmt.Errorf("the %s %s was changed by someone else since you opened it (version %d, now %d); reload it and try again", what, name, want, have)
	}
	return nil
}

func verb(found bool) string {
	if found {
		return "changed"
	}
	return "added"
}

// putCard writes a workspace card with its audit event.
func (t *tx) putCard(key []byte, v any, actor model.Member, kind model.EventKind, subject, summary string) error {
	if err := putJSON(t.txn, key, v); err != nil {
		return err
	}
	ev := model.Event{Actor: actor.Name, Kind: kind, Subject: subject, Summary: summary}
	if err := t.addEvent(&ev); err != nil {
		return err
	}
	t.feed = append(t.feed, model.FeedItem{Event: ev})
	return nil
}

// listCards reads every JSON record under a prefix.
func listCards[T any](s *Store, prefix []byte) ([]T, error) {
	var out []T
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefix, func(b []byte) error {
			var v T
			if err := jsonUnmarshal(b, &v); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
	})
	return out, err
}

// eachJSON calls fn with the value of every key under the prefix, in key order.
func eachJSON(txn *badger.Txn, prefix []byte, fn func([]byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 50})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := it.Item().Value(fn); err != nil {
			return err
		}
	}
	return nil
}

// Empty reports whether the store has no leads and no members: a new workspace that
// the first-run screen offers to seed.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.view(func(txn *badger.Txn) error {
		for _, p := range [][]byte{prefixLead, prefixMember} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
			it.Seek(p)
			if it.ValidForPrefix(p) {
				empty = false
			}
			it.Close()
		}
		return nil
	})
	return empty, err
}

// timeOr is t, or def when t is zero.
func timeOr(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}
