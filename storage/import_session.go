package storage

import (
	"strings"
	"sync/atomic"
	"time"

	"align/model"
)

// ImportSession is what one import of several batches (a CSV file sent 2,000 rows at
// a time) remembers between them. A real run needs nothing: each batch sees the ones
// before it in the store. A dry run writes nothing, so without the session a lead
// created by one batch would be created again by a later row with the same email in
// another batch; the session keeps the identity of every lead the dry run would have
// created or changed, so it counts exactly what a real run would. That costs about
// 250 bytes a touched lead (its keys in index, its dryLead), for a dry run only. The zero value is ready to use; one
// session serves one import at a time.
type ImportSession struct {
	// index is every unique key (e/, x/) the dry run would have moved: the lead
	// that holds it, 0 when the key was moved away.
	index map[string]model.LeadID
	// leads is each touched lead's identity as the dry run left it.
	leads map[model.LeadID]dryLead
	// nextID is the next lead ID the dry run would assign, 0 before the first batch.
	nextID uint64

	// began is set once the first part has looked at the store; filter holds the
	// unique keys this import wrote when the store had none then (import_filter.go),
	// and seq is the event sequence the session's last part left.
	began  bool
	filter *keyFilter
	seq    uint64

	// ahead is what Import shares with StageImport (import_ahead.go).
	ahead aheadState

	// bulk is the session's bulk load while it runs (bulk.go), bulkTried set once the
	// first batch decided whether there is one, and streaming tells StageImport.
	bulk      *bulkLoad
	bulkTried bool
	streaming atomic.Bool
	// loaded is set once a bulk load of the session is in the store.
	loaded bool

	// updating is set when the last batch updated more leads than it created, so
	// PrepareImport stops preparing rows as new leads; it is read beside Import.
	updating atomic.Bool
}

// keep records a dry-run part in the session: its index moves and the identity of
// the leads it touched (only the fields matching and counting use).
func (s *ImportSession) keep(p *importPart) {
	if s.index == nil {
		s.index = make(map[string]model.LeadID)
		s.leads = make(map[model.LeadID]dryLead)
	}
	for k, id := range p.index {
		s.index[k] = id
	}
	for _, id := range p.touched {
		l := p.leads[id]
		// Cloned: a parsed field shares its memory with the whole CSV record.
		s.leads[id] = dryLead{email: strings.Clone(l.Email), ext: strings.Clone(l.ExternalID), stage: l.Stage,
			version: l.Version, created: l.Created}
	}
	s.nextID = p.nextID
}

// holder is the lead that holds a unique key as far as the session knows.
func (s *ImportSession) holder(key string) (model.LeadID, bool) {
	if s == nil {
		return 0, false
	}
	id, ok := s.index[key]
	return id, ok
}

// lead is a lead as an earlier dry-run batch left it.
func (s *ImportSession) lead(id model.LeadID) (*model.Lead, bool) {
	if s == nil {
		return nil, false
	}
	d, ok := s.leads[id]
	if !ok {
		return nil, false
	}
	return &model.Lead{ID: id, Email: d.email, ExternalID: d.ext, Stage: d.stage, Version: d.version, Created: d.created}, true
}

// dryLead is what a dry run remembers of a lead it touched: what matching, merging
// and counting read.
type dryLead struct {
	email, ext string
	stage      model.Stage
	version    uint64
	created    time.Time
}

// nextIDOr is the next lead ID the session's dry run would assign, or or before it
// has one.
func (s *ImportSession) nextIDOr(or uint64) uint64 {
	if s == nil || s.nextID == 0 {
		return or
	}
	return s.nextID
}
