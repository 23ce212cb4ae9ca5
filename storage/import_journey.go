package storage

import (
	"fmt"
	"slices"
	"strings"

	"align/model"
)

// journeyOf is the ID of the workspace's journey stage a row names, by its ID or,
// ignoring case, by its ID or name ("Decision" is decision); ok is false when the
// workspace has no such stage. The stages are read once per part, when a row first
// names one.
func (p *importPart) journeyOf(v string) (id string, ok bool, err error) {
	if p.stages == nil {
		if p.t.staged != nil {
			return "", false, errStageRead
		}
		if p.stages, err = journeyStages(p.t); err != nil {
			return "", false, err
		}
	}
	for _, st := range p.stages {
		if st.ID == v {
			return st.ID, true, nil
		}
	}
	for _, st := range p.stages {
		if strings.EqualFold(st.ID, v) || strings.EqualFold(st.Name, v) {
			return st.ID, true, nil
		}
	}
	return "", false, nil
}

// journeyStages is the workspace's journey stages in board order as the transaction
// sees them: the stored ones, else the defaults, as Store.Journey shows them.
func journeyStages(t *tx) ([]model.JourneyStage, error) {
	var out []model.JourneyStage
	err := eachJSON(t.txn, prefixJourneyC, func(b []byte) error {
		var st model.JourneyStage
		if err := jsonUnmarshal(b, &st); err != nil {
			return err
		}
		out = append(out, st)
		return nil
	})
	if err != nil || len(out) == 0 {
		return model.DefaultJourney(), err
	}
	slices.SortFunc(out, func(a, b model.JourneyStage) int { return a.Order - b.Order })
	return out, nil
}

// unknownJourney is the reason a row naming a journey stage the workspace lacks is
// rejected: an unknown stage would put the lead off the board.
func (p *importPart) unknownJourney(v string) string {
	names := make([]string, len(p.stages))
	for i, st := range p.stages {
		names[i] = st.Name
	}
	return fmt.Sprintf("the journey stage %q is not one of this workspace's stages (%s); name one of them or leave the cell empty",
		v, strings.Join(names, ", "))
}

// checkJourney rejects a row whose journey stage the workspace lacks and writes the
// stage's ID into a row that names it another way; ok is false when it rejected the
// row.
func (p *importPart) checkJourney(r *ImportRow) (ok bool, err error) {
	v := r.Lead.Journey
	if v == "" {
		return true, nil
	}
	id, ok, err := p.journeyOf(v)
	if err != nil || !ok {
		if err == nil {
			p.reject(r.Line, p.unknownJourney(v))
		}
		return false, err
	}
	if id != v {
		r.Lead.Journey = id
		r.spec = nil // prepared with the stage as written
	}
	return true, nil
}
