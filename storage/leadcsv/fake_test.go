package leadcsv

import (
	"context"
	"sync"

	"align/model"
	"align/storage"
)

// fakeStore is an in-memory Sink and Source that matches leads by email
// (case-insensitively) or external ID, as the store does.
type fakeStore struct {
	mu      sync.Mutex
	leads   []*model.Lead
	byEmail map[string]*model.Lead
	byExt   map[string]*model.Lead
	batches int
	names   []string
}

func newFakeStore() *fakeStore {
	return &fakeStore{byEmail: map[string]*model.Lead{}, byExt: map[string]*model.Lead{}}
}

func (f *fakeStore) Import(_ context.Context, rows []storage.ImportRow, opt storage.ImportOptions) (storage.ImportResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches++
	f.names = append(f.names, opt.Name)
	var res storage.ImportResult
	for _, r := range rows {
		l := r.Lead.Clone()
		var hit *model.Lead
		if l.Email != "" {
			hit = f.byEmail[model.NormalEmail(l.Email)]
		}
		if hit == nil && l.ExternalID != "" {
			hit = f.byExt[l.ExternalID]
		}
		if hit != nil {
			res.Updated++
			if !opt.DryRun {
				l.ID = hit.ID
				*hit = l
				f.index(hit)
			}
			continue
		}
		res.Imported++
		if l.Stage == model.StageMQL {
			res.MQL++
		}
		if opt.DryRun {
			continue
		}
		l.ID = model.LeadID(len(f.leads) + 1)
		f.leads = append(f.leads, &l)
		f.index(&l)
	}
	return res, nil
}

func (f *fakeStore) index(l *model.Lead) {
	if l.Email != "" {
		f.byEmail[model.NormalEmail(l.Email)] = l
	}
	if l.ExternalID != "" {
		f.byExt[l.ExternalID] = l
	}
}

func (f *fakeStore) Scan(ctx context.Context, _ model.Queue, _ string, fn func(*model.Lead) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.leads {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := l.Clone()
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

// discardSink counts rows as imported without keeping them, for benchmarks.
type discardSink struct{}

func (discardSink) Import(_ context.Context, rows []storage.ImportRow, _ storage.ImportOptions) (storage.ImportResult, error) {
	return storage.ImportResult{Imported: len(rows)}, nil
}
