package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// partBudget is the share of Badger's transaction limits one import part fills
// before it commits and the next part starts; the rest is room for the event, the
// history pointers and the counters written at its end.
const partBudget = 0.7

// Import writes one batch of parsed rows (about 1-5k) as ImportOptions.Actor. Each row
// matches an existing lead by email, case-insensitively, else by external ID,
// including leads created by earlier rows; a match is merged (imported non-empty
// fields overwrite, attributes merge, stage, owner and history stay) and rescored, a
// new lead is created and scored, so MQLs enter the inbox with a running acceptance
// clock. A row that fails model.ValidateLead, or whose email and external ID belong to
// two different leads, is rejected with its line.
//
// The batch commits in one transaction with one audit event (EventLeadImported) and
// one history entry per touched lead. A batch bigger than one Badger transaction holds
// commits in parts, each with its own event. DryRun computes the same counts and
// writes nothing.
func (s *Store) Import(ctx context.Context, rows []ImportRow, opt ImportOptions) (ImportResult, error) {
	call := opt.Session.beginCall()
	defer opt.Session.endCall()
	return s.importCall(ctx, call, rows, opt)
}

// importCall is Import as the session's call number call: a bulk load that ends in
// the middle of a call imports its kept-back rows as part of that call, so that the
// stages of the batches after it (import_ahead.go) still wait for the right call.
func (s *Store) importCall(ctx context.Context, call int, rows []ImportRow, opt ImportOptions) (ImportResult, error) {
	role, err := s.checkImporter(opt)
	if err != nil {
		return ImportResult{}, err
	}
	opt.Role = role
	if opt.Now.IsZero() {
		opt.Now = s.now()
	}
	opt.Now = opt.Now.UTC()
	trimIdentity(rows)
	if b, err := s.bulkFor(opt); err != nil {
		return ImportResult{}, err
	} else if b != nil {
		return s.importBulk(ctx, call, b, rows, opt)
	}
	var res ImportResult
	maxRows := len(rows)
	for start := 0; start < len(rows); {
		var p *importPart
		err := s.updateMode(ctx, opt.DryRun, func(t *tx) error {
			defer opt.Session.lockPart()()
			if sp := opt.Session.takeStaged(call, rows[start:], opt); sp != nil {
				if ok, err := sp.replay(t, opt.Session); err != nil || ok {
					p = sp.part
					opt.Session.publishIfLast(call, p, start, len(rows))
					return err
				}
			}
			p = newImportPart(ctx, t, opt, min(len(rows)-start, maxRows))
			if err := p.run(rows[start:min(len(rows), start+maxRows)]); err != nil {
				return err
			}
			opt.Session.publishIfLast(call, p, start, len(rows))
			return nil
		})
		if errors.Is(err, badger.ErrTxnTooBig) && maxRows > 1 {
			maxRows /= 2
			continue
		}
		if err != nil {
			return res, fmt.Errorf("import stopped before line %d: %w", rows[start].Line, err)
		}
		if !opt.DryRun {
			s.pageOutSoon()
		}
		if opt.Session != nil {
			opt.Session.setSeq(p.seq)
			if opt.DryRun {
				opt.Session.keep(p)
			}
		}
		res.add(p.res)
		start += p.consumed
	}
	if opt.Session != nil {
		opt.Session.updating.Store(res.Updated > res.Imported)
	}
	return res, nil
}

// checkImporter checks the actor may import (marketing, leadership, admins) and
// returns their role.
func (s *Store) checkImporter(opt ImportOptions) (model.Role, error) {
	role := opt.Role
	if role == "" {
		m, ok, err := s.Member(opt.Actor)
		if err != nil {
			return "", err
		}
		switch {
		case ok:
			role = m.Role
		case s.noMembers():
			role = model.RoleAdmin
		default:
			return "", fmt.Errorf("%q is not a member of this workspace; add them with `align user add` or import as a member", opt.Actor)
		}
	}
	return role, model.Check(role, model.ActImport)
}

// triageInRow says why a row may not create its lead: it sets a stage past MQL or an
// owner, the triage that align's own actions decide, each for some roles only. An
// import by marketing made a lead won and owned by an AE, which marketing may not
// (new-user review); an admin may bring a workspace's leads in with their triage.
func triageInRow(l *model.Lead, role model.Role) string {
	pastMQL := l.Stage != "" && l.Stage != model.StageInquiry && l.Stage != model.StageMQL
	if role == model.RoleAdmin || !pastMQL && l.Owner == "" {
		return ""
	}
	return fmt.Sprintf("it sets a stage (%s) or an owner (%s) for a new lead, which only an admin may import; an import creates inquiries and MQLs, and the triage is done in align. "+
		"Leave those columns out (--map 'COLUMN=-') or ask an admin to import the file",
		model.Sanitize(string(l.Stage)), model.Sanitize(l.Owner))
}

func (s *Store) noMembers() bool {
	ms, err := s.Members()
	return err == nil && len(ms) == 0
}

// importChunk is how many rows an import part matches and merges before it scores,
// encodes and writes the leads they touched; the part checks its size after each.
const importChunk = 512

// importPart is one transaction's worth of an import.
type importPart struct {
	ctx    context.Context
	t      *tx
	opt    ImportOptions
	scorer *model.Scorer
	sla    model.SLAPolicy
	maxSz  int64
	maxN   int64

	// stages are the workspace's journey stages, read when a row first names one.
	stages []model.JourneyStage
	// members are the workspace's members by lower-cased name, read when a row first
	// names an owner.
	members map[string]model.Member

	// fresh, when set, holds every unique key written since the store held none
	// (import_filter.go); seq is the event sequence as this part leaves it.
	fresh *keyFilter
	seq   uint64
	// bulk is the bulk load this part is one of (bulk.go), which keeps back the rows
	// that may touch a lead written before.
	bulk *bulkLoad

	res      ImportResult
	consumed int
	nextID   uint64
	firstID  uint64
	// leads holds the leads this part touched as they now stand, and index the email
	// and external-ID keys it moved (0 when it moved a key away), so later rows of the
	// same part see earlier ones also in a dry run, which writes nothing.
	leads map[model.LeadID]*model.Lead
	index map[string]model.LeadID
	// written is each touched lead as last written in this transaction (nil for a lead
	// created by this part and not written yet), wasMQL whether it was an MQL before
	// the part, and touched their IDs in first-touch order.
	written map[model.LeadID]*model.Lead
	wasMQL  map[model.LeadID]bool
	// pre holds each new lead of the chunk taken from PrepareImport and not changed
	// since: it is neither scored nor encoded again.
	pre     map[model.LeadID]preparedCreate
	touched []model.LeadID
	dirty   []model.LeadID
}

func newImportPart(ctx context.Context, t *tx, opt ImportOptions, rows int) *importPart {
	return &importPart{
		ctx: ctx, t: t, opt: opt, scorer: t.s.cachedScorer(), sla: t.s.cachedSettings().SLA,
		maxSz:   int64(partBudget * float64(t.s.db.MaxBatchSize())),
		maxN:    int64(partBudget * float64(t.s.db.MaxBatchCount())),
		leads:   make(map[model.LeadID]*model.Lead, rows),
		index:   make(map[string]model.LeadID, 2*rows),
		written: make(map[model.LeadID]*model.Lead, rows),
		wasMQL:  make(map[model.LeadID]bool, rows),
		pre:     make(map[model.LeadID]preparedCreate, rows),
	}
}

// run imports rows until they end or the transaction is nearly full, then writes the
// part's event, history pointers and lead sequence. Rows are matched and merged in
// order, one chunk at a time; the leads a chunk touched are then scored and encoded
// on every core and written in order.
func (p *importPart) run(rows []ImportRow) error {
	last, err := p.t.uint(keySeqLead)
	if err != nil {
		return err
	}
	p.nextID, p.firstID = max(last+1, p.opt.Session.nextIDOr(0)), last+1
	if p.t.staged != nil {
		p.fresh = p.t.staged.filter
	} else if p.fresh, err = p.opt.Session.filterFor(p.t.txn); err != nil {
		return err
	}
	if p.seq, err = p.t.uint(keySeqEvent); err != nil {
		return err
	}
	invalid := validateRows(rows, p.opt.Validated)
	for lo := 0; lo < len(rows); lo += importChunk {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		hi := min(lo+importChunk, len(rows))
		for i := lo; i < hi; i++ {
			if invalid != nil && invalid[i] != nil {
				p.reject(rows[i].Line, invalid[i].Error())
				continue
			}
			if ok, err := p.checkJourney(&rows[i]); err != nil {
				return err
			} else if !ok {
				continue
			}
			if err := p.row(&rows[i]); err != nil {
				return err
			}
		}
		if err := p.flush(); err != nil {
			return err
		}
		p.consumed = hi
		// Each touched lead still costs a history key and its ID in the event.
		reserve := int64(len(p.touched)) * 40
		if p.t.size+reserve > p.maxSz || p.t.entries+int64(len(p.touched)) > p.maxN {
			break
		}
	}
	for _, id := range p.touched {
		if p.leads[id].Stage == model.StageMQL && !p.wasMQL[id] {
			p.res.MQL++
		}
	}
	if p.nextID != p.firstID && !p.opt.DryRun {
		if err := p.t.set(keySeqLead, be8(p.nextID-1)); err != nil {
			return err
		}
	}
	if len(p.touched) == 0 || p.opt.DryRun {
		return nil
	}
	ev := model.Event{
		At: p.opt.Now, Actor: p.opt.Actor, Kind: model.EventLeadImported, Leads: p.touched, Import: p.opt.Name,
		Summary: importSummary(p.opt.Name), New: p.res.Imported, Updated: p.res.Updated,
	}
	// The leads this part created have consecutive IDs: one i/ key stands for their
	// history pointers (import_history.go).
	created := func(id model.LeadID) bool { return uint64(id) >= p.firstID }
	if err := p.t.addEventExcept(&ev, created); err != nil {
		return err
	}
	if p.nextID > p.firstID {
		if err := p.t.putCreated(model.LeadID(p.firstID), model.LeadID(p.nextID-1), ev.Seq); err != nil {
			return err
		}
	}
	p.seq = ev.Seq
	p.t.feed = append(p.t.feed, p.feedItem(ev))
	return nil
}

// feedItem is what the part's commit tells the change feed (tx.batchFeedItem).
func (p *importPart) feedItem(ev model.Event) model.FeedItem {
	return p.t.batchFeedItem(ev, len(p.touched), func(i int) *model.Lead { return p.leads[p.touched[i]] })
}

// row matches one valid row to a lead and merges it, or rejects it.
func (p *importPart) row(r *ImportRow) error {
	in := r.Lead
	var emailK, extK string
	if in.Email != "" {
		emailK = string(emailKey(in.Email))
	}
	if in.ExternalID != "" {
		extK = string(externalKey(in.ExternalID))
	}
	var byEmail, byExt model.LeadID
	if p.bulk != nil {
		// A bulk load creates the leads whose keys nobody had; it keeps back the rest.
		if p.bulk.keepBack(r, emailK, extK) {
			p.res.Deferred++
			return nil
		}
	} else {
		var err error
		if byEmail, err = p.holder(emailK); err != nil {
			return err
		}
		if byExt, err = p.holder(extK); err != nil {
			return err
		}
	}
	if byEmail != 0 && byExt != 0 && byEmail != byExt {
		p.reject(r.Line, fmt.Sprintf("its email %s is lead %s's but its external ID %s is lead %s's; fix one of them so the row names one lead",
			model.NormalEmail(in.Email), byEmail, in.ExternalID, byExt))
		return nil
	}
	id := byEmail
	if id == 0 {
		id = byExt
	}
	if id == 0 {
		if why := triageInRow(&in, p.opt.Role); why != "" {
			p.reject(r.Line, why)
			return nil
		}
		if ok, err := p.checkOwner(r); err != nil || !ok {
			return err
		}
		p.create(r)
		return nil
	}
	return p.update(r.Line, id, in)
}

// checkOwner rejects a new lead's row whose owner is no member (an export of another
// workspace imported here made leads owned by people nobody could reach or reassign
// from, new-user review) and spells a member's name as the workspace does.
func (p *importPart) checkOwner(r *ImportRow) (bool, error) {
	if r.Lead.Owner == "" {
		return true, nil
	}
	if p.members == nil {
		ms, err := p.t.s.Members()
		if err != nil {
			return false, err
		}
		p.members = make(map[string]model.Member, len(ms))
		for _, m := range ms {
			p.members[strings.ToLower(m.Name)] = m
		}
	}
	m, ok := p.members[strings.ToLower(r.Lead.Owner)]
	switch {
	case !ok:
		p.reject(r.Line, fmt.Sprintf("its owner %s is not a member of this workspace; add them first (`align user add NAME --role ROLE`) or leave the owner column out (--map 'COLUMN=-')",
			model.Sanitize(r.Lead.Owner)))
		return false, nil
	case !model.Can(m.Role, model.ActAccept):
		// As assigning refuses them: nobody could work such a lead.
		p.reject(r.Line, fmt.Sprintf("its owner %s (%s) does not work leads; only SDRs, AEs and leadership own them, so name one of them or leave the owner column out (--map 'COLUMN=-')",
			model.Sanitize(m.Name), m.Role.Label()))
		return false, nil
	}
	name := m.Name
	if name != r.Lead.Owner {
		r.Lead.Owner, r.spec = name, nil // prepared with the row's spelling: work it out again
	}
	return true, nil
}

// create adds a new lead with the next ID: the row's prepared lead when it has one
// (import_prepare.go), else one scored when the chunk is flushed.
func (p *importPart) create(r *ImportRow) {
	id := model.LeadID(p.nextID)
	p.nextID++
	var l model.Lead
	if sp := p.prepared(r); sp != nil {
		l = *sp.lead
		l.ID = id
		p.pre[id] = preparedCreate{rec: sp.rec, row: &r.Lead}
	} else {
		l = newLead(r.Lead, id, p.opt.Now)
	}
	p.touch(nil, &l)
	p.res.Imported++
}

// update merges a row into the lead it matched. A lead touched twice in one part gets
// one new version, as it gets one history entry.
func (p *importPart) update(line int, id model.LeadID, in model.Lead) error {
	cur, seen := p.leads[id]
	if pc, ok := p.pre[id]; ok {
		// Created by an earlier row of this chunk from its prepared lead, which is
		// scored already: the row merges into the lead as it stands unprepared, not yet
		// scored, so that preparing never changes what an import does.
		base := newLead(*pc.row, id, p.opt.Now)
		cur = &base
	}
	if !seen {
		if l, ok := p.opt.Session.lead(id); ok {
			cur = l
		} else if p.t.staged != nil {
			return errStageRead
		} else {
			l, err := getLead(p.t.txn, id)
			if err != nil {
				return err
			}
			cur = &l
		}
	}
	n := merge(*cur, in, p.opt.Now)
	for _, k := range []string{emailKeyOf(&n), externalKeyOf(&n)} {
		holder, err := p.holder(k)
		if err != nil {
			return err
		}
		if holder != 0 && holder != id {
			p.reject(line, fmt.Sprintf("it would give lead %s the %s that lead %s has; fix the row so it names one lead", id, keyField(k), holder))
			return nil
		}
	}
	if !seen {
		n.Version = cur.Version + 1
		p.touch(cur, &n)
	} else {
		p.touch(nil, &n)
	}
	n.Updated = p.opt.Now
	delete(p.pre, id) // changed since it was prepared: scored and encoded again
	p.res.Updated++
	return nil
}

// touch records a lead's new state in the part; stored is the lead as the store has
// it when this part first touches it (nil for a new lead or a later touch).
func (p *importPart) touch(stored, n *model.Lead) {
	old, seen := p.leads[n.ID]
	if !seen {
		p.touched = append(p.touched, n.ID)
		p.written[n.ID] = stored
		p.wasMQL[n.ID] = stored != nil && stored.Stage == model.StageMQL
		old = stored
	}
	if _, dirty := p.dirtySet(n.ID); !dirty {
		p.dirty = append(p.dirty, n.ID)
	}
	if old != nil {
		for _, k := range []string{emailKeyOf(old), externalKeyOf(old)} {
			if k != "" {
				p.index[k] = 0
			}
		}
	}
	for _, k := range []string{emailKeyOf(n), externalKeyOf(n)} {
		if k == "" {
			continue
		}
		if p.bulk == nil { // a bulk load's filter keeps back every row that could need it
			p.index[k] = n.ID
		}
		if p.fresh != nil && !p.opt.DryRun {
			p.fresh.add(k)
		}
	}
	p.leads[n.ID] = n
}

// dirtySet reports whether the lead is already waiting in the chunk's dirty list;
// chunks are small, so a scan from the end is cheap and needs no extra map.
func (p *importPart) dirtySet(id model.LeadID) (int, bool) {
	for i := len(p.dirty) - 1; i >= 0; i-- {
		if p.dirty[i] == id {
			return i, true
		}
	}
	return -1, false
}

// flush scores and encodes the chunk's touched leads on every core, then writes them
// in order with their index entries (unless this is a dry run).
func (p *importPart) flush() error {
	if len(p.dirty) == 0 {
		return nil
	}
	enc := make([][]byte, len(p.dirty))
	err := parallel(len(p.dirty), 64, func(i int) error {
		id := p.dirty[i]
		if pc, ok := p.pre[id]; ok {
			if !p.opt.DryRun {
				enc[i] = leadRecord(id, pc.rec)
			}
			return nil
		}
		l := p.leads[id]
		scoreImported(l, p.scorer, p.opt.Now, p.sla)
		if p.opt.DryRun {
			return nil
		}
		b, err := encodeLead(l)
		enc[i] = b
		return err
	})
	if err != nil {
		return err
	}
	for i, id := range p.dirty {
		delete(p.pre, id) // written: later rows merge into it as scored, prepared or not
		if p.opt.DryRun {
			continue
		}
		n := p.leads[id]
		if err := p.t.putLeadBytes(p.written[id], n, enc[i], false); err != nil {
			return err
		}
		c := *n
		p.written[id] = &c
	}
	p.dirty = p.dirty[:0]
	return nil
}

// trimIdentity removes the spaces around each row's email and external ID, which a
// spreadsheet cell easily carries, so that " Ann@X.com " matches ann@x.com instead of
// being refused for its spaces.
func trimIdentity(rows []ImportRow) {
	for i := range rows {
		l := &rows[i].Lead
		l.Email, l.ExternalID = strings.TrimSpace(l.Email), strings.TrimSpace(l.ExternalID)
	}
}

// validateRows checks the text of every row with model.ValidateLead on every core,
// unless the caller did (validated) or PrepareImport did; nil when no row is invalid
// or none was checked here.
func validateRows(rows []ImportRow, validated bool) []error {
	if validated {
		return nil
	}
	out := make([]error, len(rows))
	_ = parallel(len(rows), 64, func(i int) error {
		if sp := rows[i].spec; sp != nil && sp.validated {
			out[i] = sp.invalid
		} else {
			out[i] = model.ValidateLead(&rows[i].Lead)
		}
		return nil
	})
	return out
}

// holder is the lead that holds a unique index key, seen from this part.
func (p *importPart) holder(key string) (model.LeadID, error) {
	if key == "" {
		return 0, nil
	}
	if id, ok := p.index[key]; ok {
		return id, nil
	}
	if id, ok := p.opt.Session.holder(key); ok {
		return id, nil
	}
	if p.fresh != nil && !p.fresh.mayHave(key) {
		return 0, nil
	}
	return p.t.indexHolder([]byte(key))
}

func (p *importPart) reject(line int, reason string) {
	p.res.Rejected = append(p.res.Rejected, RowError{Line: line, Reason: reason})
}

func emailKeyOf(l *model.Lead) string {
	if l.Email == "" {
		return ""
	}
	return string(emailKey(l.Email))
}

func externalKeyOf(l *model.Lead) string {
	if l.ExternalID == "" {
		return ""
	}
	return string(externalKey(l.ExternalID))
}

func keyField(k string) string {
	if k != "" && k[0] == prefixEmail[0] {
		return "email " + k[len(prefixEmail):]
	}
	return "external ID " + k[len(prefixExternal):]
}

// merge applies an imported row to an existing lead: non-empty imported fields
// overwrite, attributes and activity are merged, and what the teams did with the
// lead (stage, owner, clocks, rejection, dispute, history) stays; only an inquiry the
// row says is an MQL moves, into the MQL inbox.
func merge(cur, in model.Lead, now time.Time) model.Lead {
	n := cur.Clone()
	str := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	str(&n.ExternalID, in.ExternalID)
	str(&n.Name, in.Name)
	str(&n.Email, in.Email)
	str(&n.Phone, in.Phone)
	str(&n.Company, in.Company)
	str(&n.Title, in.Title)
	str(&n.Industry, in.Industry)
	str(&n.Country, in.Country)
	str(&n.City, in.City)
	str(&n.Source, in.Source)
	str(&n.Campaign, in.Campaign)
	str(&n.Persona, in.Persona)
	if in.Journey != "" && in.Journey != n.Journey {
		n.Journey, n.JourneySince = in.Journey, timeOr(in.JourneySince, now)
	}
	if in.Employees != 0 {
		n.Employees = in.Employees
	}
	// A row that says MQL (a stage column, or --stage mql) qualifies an inquiry, as
	// `lead mql` would: forward only, its acceptance clock starting now (flush scores
	// it, which starts the clock). An Olist file imported again with --stage mql, as the
	// first import's hint said, updated 8,000 leads and moved none (new-user review).
	if cur.Stage == model.StageInquiry && in.Stage == model.StageMQL {
		n.Stage, n.StageSince = model.StageMQL, now
	}
	if len(in.Attrs) > 0 && n.Attrs == nil {
		n.Attrs = make(map[string]string, len(in.Attrs))
	}
	for k, v := range in.Attrs {
		if v != "" {
			n.Attrs[k] = v
		}
	}
	for _, a := range in.Activity {
		if !slices.ContainsFunc(n.Activity, func(b model.Activity) bool { return b.Kind == a.Kind && b.At.Equal(a.At) }) {
			n.Activity = append(n.Activity, a)
		}
	}
	return n
}

// importSummary is an import batch's event line, which every lead of the batch shows
// in its history: it names the import run, since one file takes several batches. The
// batch's counts are the event's New and Updated, which the feed adds up a run at a
// time; in a lead's history they only confused ("this batch: 2000 new").
func importSummary(name string) string {
	return "imported from " + name
}
