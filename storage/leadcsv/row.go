package leadcsv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"align/model"
)

// placeholders are values that mean "not answered"; they are not stored.
// X Education's forms write "Select" for an untouched drop-down.
var placeholders = []string{"select", "unknown", "n/a", "-"}

// placeholderFirst marks the first bytes of the placeholders, in either case.
var placeholderFirst = func() (first [utf8.RuneSelf]bool) {
	for _, p := range placeholders {
		first[p[0]] = true
		first[unicode.ToUpper(rune(p[0]))] = true
	}
	return first
}()

// isPlaceholder reports whether a trimmed value means "not answered",
// ignoring case.
func isPlaceholder(v string) bool {
	if v == "" {
		return true
	}
	if len(v) > len("unknown") {
		return false
	}
	// Every placeholder starts with s, u, n or -: most short values (a count, a
	// name) are told apart by their first byte, without a comparison. (A first byte
	// past ASCII goes on to EqualFold, which matches "ſelect" with "select".)
	if c := v[0]; c < utf8.RuneSelf && !placeholderFirst[c] {
		return false
	}
	for _, p := range placeholders {
		if strings.EqualFold(v, p) {
			return true
		}
	}
	return false
}

// columnError is a bad value in a column; its text names the column.
func columnError(header, format string, args ...any) error {
	return fmt.Errorf("column %q: %s", model.Sanitize(header), fmt.Sprintf(format, args...))
}

// lead turns one record into a lead, or says why the row is rejected.
func (p *plan) lead(rec []string) (model.Lead, error) {
	var l model.Lead
	var first, last string
	for i, raw := range rec {
		if i >= len(p.cols) {
			break
		}
		c := &p.cols[i]
		if c.field == fieldDrop {
			continue
		}
		if len(raw) > MaxFieldBytes {
			return l, columnError(c.header, "the value is %d bytes long; the most a value may hold is 1 MiB", len(raw))
		}
		v := strings.TrimSpace(raw)
		if p.export {
			// An align export holds values as stored, behind a formula guard.
			v = unguard(raw)
			if v == "" {
				continue
			}
		} else if isPlaceholder(v) {
			continue
		}
		if c.field != fieldAttrs {
			v = model.NormalizeLine(v)
		}
		if err := p.set(&l, c, v, &first, &last); err != nil {
			return l, err
		}
	}
	if l.Name == "" && (first != "" || last != "") {
		l.Name = strings.TrimSpace(first + " " + last)
	}
	if err := model.ValidateLead(&l); err != nil {
		return l, p.explain(err)
	}
	if l.Name == "" && l.Email == "" && l.Company == "" && l.ExternalID == "" {
		return l, errors.New("the row has no name, email, company or ID, so nothing tells this lead apart from others; fill in one of them or remove the row")
	}
	return l, nil
}

// set stores one value in the lead field its column feeds.
func (p *plan) set(l *model.Lead, c *column, v string, first, last *string) error {
	var err error
	switch c.field {
	case "":
		if l.Attrs == nil {
			l.Attrs = map[string]string{}
		}
		l.Attrs[c.attr] = v
	case fieldName:
		l.Name = v
	case fieldFirstName:
		*first = v
	case fieldLastName:
		*last = v
	case fieldEmail:
		l.Email = strings.TrimSpace(v) // an export's value is not trimmed above
	case fieldPhone:
		l.Phone = v
	case fieldCompany:
		l.Company = v
	case fieldTitle:
		l.Title = v
	case fieldIndustry:
		l.Industry = v
	case fieldCountry:
		l.Country = v
	case fieldCity:
		l.City = v
	case fieldSource:
		l.Source = v
	case fieldCampaign:
		l.Campaign = v
	case fieldExternalID:
		l.ExternalID = strings.TrimSpace(v)
	case fieldPersona:
		l.Persona = v
	case fieldJourney:
		l.Journey = v
	case fieldOwner:
		l.Owner = v
	case fieldEmployees:
		var exact bool
		l.Employees, exact, err = parseEmployees(v)
		if err == nil && !exact && !p.export {
			// Keep a band such as "51-200" as written, next to its lower bound.
			if l.Attrs == nil {
				l.Attrs = map[string]string{}
			}
			l.Attrs[c.header] = v
		}
	case fieldCreated:
		l.Created, err = parseDate(v)
	case fieldUpdated:
		l.Updated, err = parseDate(v)
	case fieldStage:
		l.Stage, err = model.ParseStage(v)
	case fieldScore:
		l.Score, err = parseInt(v)
	case fieldFit:
		l.Fit, err = parseInt(v)
	case fieldEngagement:
		l.Engagement, err = parseInt(v)
	case fieldID:
		// The store assigns IDs; an export's IDs are checked but not reused,
		// and leads match by email or external ID instead.
		_, err = model.ParseLeadID(v)
	case fieldAttrs:
		err = mergeAttrs(l, v)
	}
	if err != nil {
		return columnError(c.header, "%v", err)
	}
	return nil
}

// explain prefixes a validation error with the column it came from.
func (p *plan) explain(err error) error {
	var te *model.TextError
	if errors.As(err, &te) {
		if h, ok := p.labels[te.Field]; ok {
			return columnError(h, "%v", err)
		}
		for _, c := range p.cols {
			if c.field == "" && c.attr == te.Field {
				return columnError(c.header, "%v", err)
			}
		}
	}
	return err
}

// parseEmployees reads a head count: "250", "1,200", "10000+" or a band such
// as "51-200", which counts as its lower bound. exact is false for a band or
// an open-ended count.
func parseEmployees(v string) (n int, exact bool, err error) {
	s := strings.ReplaceAll(strings.ReplaceAll(v, ",", ""), " ", "")
	exact = true
	if t, ok := strings.CutSuffix(s, "+"); ok {
		s, exact = t, false
	}
	if lo, _, ok := strings.Cut(s, "-"); ok && lo != "" {
		s, exact = lo, false
	}
	n, err = strconv.Atoi(s)
	if err != nil {
		return 0, false, fmt.Errorf("%q is not a number of employees; write a whole number such as 250 or a band such as 51-200", v)
	}
	return n, exact, nil
}

func parseInt(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", v)
	}
	return n, nil
}

// dateLayouts are the date forms accepted, ISO first; day-first dashed dates
// are what spreadsheets outside the US write when they re-save a file.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"02-01-2006 15:04:05", "02-01-2006 15:04", "02-01-2006", "02.01.2006",
}

// parseDate reads a date or time; times without a zone are UTC.
func parseDate(v string) (time.Time, error) {
	// Plain dates are by far the most common: try the one layout they fit
	// first, since every failed attempt costs an allocated error.
	if len(v) == 10 {
		layout := "2006-01-02"
		if v[2] == '-' {
			layout = "02-01-2006"
		}
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write it as 2026-11-26 (or 26-11-2026, day first)", v)
}

// mergeAttrs reads an export's attrs column, a JSON object of strings.
func mergeAttrs(l *model.Lead, v string) error {
	var m map[string]string
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		return fmt.Errorf("the attributes are not a JSON object of strings (%v); export the file again or fix the column", err)
	}
	if l.Attrs == nil {
		l.Attrs = make(map[string]string, len(m))
	}
	for k, x := range m {
		l.Attrs[k] = x
	}
	return nil
}
