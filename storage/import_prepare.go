package storage

import (
	"bytes"
	"strconv"
	"sync"
	"time"

	"align/model"
)

// PrepareImport does ahead of time the work of Import that needs nothing from the
// store, so that a caller can run it for the next batch while the store commits this
// one (leadcsv does): it trims and validates the rows (unless opt.Validated), and,
// while the session's batches keep creating leads, scores and encodes each valid row
// as the new lead it would become. Import then takes a prepared lead as it is when
// the row does create a lead under the same rules, clock and SLA, and works it out
// again otherwise, so a prepared batch imports exactly as an unprepared one.
//
// It must not run at the same time as Import on the same rows; it may run beside
// Import of another batch of the same session.
func (s *Store) PrepareImport(rows []ImportRow, opt ImportOptions) {
	if opt.Now.IsZero() {
		return // Import takes its own clock; a lead scored now would not match it
	}
	now := opt.Now.UTC()
	trimIdentity(rows)
	specs := make([]importSpec, len(rows))
	// The new leads live as long as the specs, so they share one allocation too.
	leads := make([]model.Lead, len(rows))
	speculate := opt.Session.speculating()
	scorer, sla := s.cachedScorer(), s.cachedSettings().SLA
	_ = parallel(len(rows), 64, func(i int) error {
		sp := &specs[i]
		rows[i].spec = sp
		if !opt.Validated {
			sp.validated, sp.invalid = true, model.ValidateLead(&rows[i].Lead)
		}
		if !speculate || sp.invalid != nil {
			return nil
		}
		l := &leads[i]
		*l = newLead(rows[i].Lead, 0, now)
		scoreImported(l, scorer, now, sla)
		if !opt.DryRun {
			if sp.rec = prepareRecord(l); sp.rec == nil {
				return nil
			}
		}
		sp.lead, sp.now, sp.scorer, sp.sla = l, now, scorer, sla
		return nil
	})
}

// prepareRecord is the record of l, a lead with ID 0, for leadRecord: idRoom bytes,
// then the record; nil when the record does not start with noIDPrefix.
//
// A prepared record lives until its batch commits, so records are written straight
// into shared slabs (recordSlab) rather than each in a buffer of its own: a cleared
// leadCap buffer for every lead cost more in allocation and in the garbage
// collector's time than encoding the lead did.
func prepareRecord(l *model.Lead) []byte {
	slab := recordSlabs.Get().(*recordSlab)
	defer recordSlabs.Put(slab)
	rec, err := slab.append(l)
	if err != nil || !bytes.HasPrefix(rec[idRoom:], noIDPrefix) {
		return nil
	}
	return rec
}

// recordSlab is a buffer that prepared records are carved from, one after the other.
// A slab stays in memory while any of its records does; the records of a batch are
// dropped together once it commits.
type recordSlab struct{ buf []byte }

// recordSlabBytes is the size of a slab: about 50 sample records.
const recordSlabBytes = 64 << 10

var recordSlabs = sync.Pool{New: func() any { return &recordSlab{} }}

// append encodes l after idRoom bytes at the end of the slab and returns that part,
// its capacity cut to its length. A record that outgrows the space left is in a
// buffer of its own (append grew it), and the slab is left as it was.
func (s *recordSlab) append(l *model.Lead) ([]byte, error) {
	if cap(s.buf)-len(s.buf) < idRoom+leadRecordCap {
		s.buf = make([]byte, 0, recordSlabBytes)
	}
	start := len(s.buf)
	b, err := appendLead(s.buf[start:start+idRoom], l)
	if err != nil {
		return nil, err
	}
	if cap(b) == cap(s.buf)-start { // written in place: append only grows a capacity
		s.buf = s.buf[:start+len(b)]
	}
	return b[:len(b):len(b)], nil
}

// preparedCreate is a new lead an import part took from PrepareImport: its record
// for leadRecord and the row it came from.
type preparedCreate struct {
	rec []byte
	row *model.Lead
}

// importSpec is what PrepareImport worked out for one row.
type importSpec struct {
	// validated is set when PrepareImport checked the row; invalid is the verdict.
	validated bool
	invalid   error
	// lead is the row as a new lead with ID 0, scored with scorer and sla at now, and
	// rec its record for leadRecord (nil in a dry run); nil when not prepared.
	lead   *model.Lead
	rec    []byte
	now    time.Time
	scorer *model.Scorer
	sla    model.SLAPolicy
}

// noIDPrefix starts the record of a lead with ID 0: ID is model.Lead's first field,
// so a prepared record takes its real ID by replacing the 0 (leadRecord).
var noIDPrefix = []byte(`{"id":0`)

// idRoom is the room a prepared record keeps before noIDPrefix for the longest ID.
const idRoom = 20

// leadRecord is the record of lead id from a prepared record (idRoom bytes, then the
// record of the lead with ID 0), written in place: each prepared record serves one
// lead.
func leadRecord(id model.LeadID, rec []byte) []byte {
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], uint64(id), 10)
	start := idRoom + len(noIDPrefix) - len(`{"id":`) - len(d)
	n := copy(rec[start:], `{"id":`)
	copy(rec[start+n:], d)
	return rec[start:]
}

// prepared is the row's prepared new lead when the part can take it as it is: the
// same clock, rules and SLA as the part's own.
func (p *importPart) prepared(r *ImportRow) *importSpec {
	sp := r.spec
	if sp == nil || sp.lead == nil || !sp.now.Equal(p.opt.Now) || sp.scorer != p.scorer || sp.sla != p.sla ||
		(sp.rec == nil && !p.opt.DryRun) {
		return nil
	}
	return sp
}

// speculating reports whether PrepareImport should score and encode rows as new
// leads: while the session's batches mostly create leads (a first import), not when
// they mostly update (a file imported again), where the work would be thrown away.
func (s *ImportSession) speculating() bool {
	return s == nil || !s.updating.Load()
}

// newLead is the lead an imported row creates, before scoring: a row that says when
// the lead was created (an align export, a CRM's "Created Date") keeps that time,
// else the lead is created now.
func newLead(in model.Lead, id model.LeadID, now time.Time) model.Lead {
	l := in
	l.ID = id
	l.Created, l.Updated, l.Version = timeOr(in.Created, now), now, 1
	if l.Stage != "" && l.StageSince.IsZero() {
		// A row that names its stage (an align export) says nothing of when the lead
		// took it: its last update is the nearest, else its creation.
		l.StageSince = timeOr(in.Updated, l.Created)
	}
	if l.Journey == "" {
		l.Journey, l.JourneySince = model.JourneyEntry, l.Created
	}
	if l.Journey != "" && l.JourneySince.IsZero() {
		l.JourneySince = now
	}
	return l
}

// scoreImported scores an imported lead (model.ApplyScore). An MQL without an
// acceptance clock (a row that names its stage MQL, as an align export does, says
// nothing of the clock) gets one that starts now, as a lead the rules make an MQL
// does, so it is in the inbox with a deadline instead of one at the year 1.
func scoreImported(l *model.Lead, scorer *model.Scorer, now time.Time, sla model.SLAPolicy) {
	model.ApplyScore(l, scorer.Score(l, now), now, sla)
	if l.Stage == model.StageMQL && l.AcceptClock.Start.IsZero() {
		l.AcceptClock = model.StartClock(now, sla.Accept)
	}
}
