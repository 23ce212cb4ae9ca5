package model

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// xEducationCSV is X Education's real lead export, kept outside the repository
// (see ../shared/data/README.md).
const xEducationCSV = "../../shared/data/x_education/Leads.csv"

// xLead is one X Education row as the test maps it, plus whether it converted.
type xLead struct {
	lead      Lead
	converted bool
}

// readXEducation reads the CSV just far enough for scoring: every column into Attrs,
// a few into the lead's own fields. The outcome is kept apart from the lead, so no
// rule could read it.
func readXEducation(t testing.TB, created time.Time) []xLead {
	t.Helper()
	f, err := os.Open(xEducationCSV)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("skipping: the X Education data set is not at %s (see /work/shared/data/README.md)", xEducationCSV)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatalf("reading the header of %s: %v", xEducationCSV, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	var out []xLead
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", xEducationCSV, err)
		}
		l := Lead{Attrs: make(map[string]string, len(header)), Created: created}
		var converted bool
		for i, h := range header {
			if h == "" || i >= len(rec) { // the trailing comma's unnamed column
				continue
			}
			v := rec[i]
			switch h {
			case "Converted":
				converted = v == "1"
				continue
			case "Prospect ID":
				l.ExternalID = v
			case "Lead Source":
				l.Source = v
			case "Country":
				l.Country = v
			case "City":
				if !IsPlaceholder(v) {
					l.City = v
				}
			}
			l.Attrs[h] = v
		}
		out = append(out, xLead{lead: l, converted: converted})
	}
	return out
}

// TestDefaultRulesOnXEducation checks the default rule set against real outcomes: a
// realistic share of MQLs, and MQLs that convert clearly more often than the rest.
func TestDefaultRulesOnXEducation(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	leads := readXEducation(t, now)
	s, err := CompileRules(DefaultRuleSet())
	if err != nil {
		t.Fatal(err)
	}
	var mql, mqlConv, rest, restConv, failed int
	for i := range leads {
		r := s.Score(&leads[i].lead, now)
		failed += len(r.Failed)
		if r.MQL {
			mql++
			if leads[i].converted {
				mqlConv++
			}
		} else {
			rest++
			if leads[i].converted {
				restConv++
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d rule runs failed on X Education rows; the default rules should never fail", failed)
	}
	share := float64(mql) / float64(len(leads))
	mqlRate := float64(mqlConv) / float64(max(mql, 1))
	restRate := float64(restConv) / float64(max(rest, 1))
	t.Logf("X Education: %d leads, %d MQL (%.1f %%); converted: %.1f %% of MQLs vs %.1f %% of the rest",
		len(leads), mql, 100*share, 100*mqlRate, 100*restRate)
	if share < 0.20 || share > 0.50 {
		t.Errorf("MQL share is %.1f %%, want 20-50 %%", 100*share)
	}
	if mqlRate < 1.5*restRate {
		t.Errorf("MQLs convert at %.1f %% against %.1f %% for the rest; want at least 1.5 times", 100*mqlRate, 100*restRate)
	}
}
