package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on a lead's single-line fields, in characters. They are generous for
// real data (the longest company names run to about 120 characters) and small
// enough that one bad row cannot bloat the store or a screen.
const (
	maxShortRunes = 100 // codes and labels: industry, country, source, persona...
	maxLineRunes  = 200 // names, companies, titles, campaigns, reasons
	maxPhoneRunes = 50
	maxAttrRunes  = 500 // imported attribute values, often free text
	maxLocalBytes = 64  // the part of an email before the @ (RFC 5321)
)

// ValidateEmail is a practical check of an email address: at most MaxEmailBytes,
// no control characters or spaces, exactly one @ with something before it and a
// domain after it that has a dot and no empty labels. It does not try to accept
// every address RFC 5322 allows (quoted local parts, IP literals), since leads
// do not use them and a typo is far more likely. An empty address is an error;
// callers for which the email is optional check for "" first.
func ValidateEmail(s string) error {
	const field = "email"
	example := "enter an address such as ana@example.com"
	if s == "" {
		return &TextError{Field: field, Msg: "is empty", Fix: example}
	}
	if len(s) > MaxEmailBytes {
		return &TextError{Field: field,
			Msg: fmt.Sprintf("is %d bytes long, more than the %d an address can have", len(s), MaxEmailBytes),
			Fix: "check that the column holds one address"}
	}
	if err := ValidateLine(field, s, 0); err != nil {
		return err
	}
	if i := indexSpace(s); i >= 0 {
		return &TextError{Field: field, Pos: utf8.RuneCountInString(s[:i]) + 1,
			Msg: "has a space", Fix: "remove it; an address has no spaces"}
	}
	at := strings.IndexByte(s, '@')
	switch {
	case at < 0:
		return &TextError{Field: field, Msg: "has no @", Fix: example}
	case strings.Count(s, "@") > 1:
		second := at + 1 + strings.IndexByte(s[at+1:], '@')
		return &TextError{Field: field, Pos: utf8.RuneCountInString(s[:second]) + 1,
			Msg: "has a second @", Fix: "check that the column holds one address"}
	case at == 0:
		return &TextError{Field: field, Msg: "has nothing before the @", Fix: example}
	case at > maxLocalBytes:
		return &TextError{Field: field,
			Msg: fmt.Sprintf("has more than %d bytes before the @", maxLocalBytes),
			Fix: "check the address for a typo"}
	}
	domain := s[at+1:]
	switch {
	case domain == "":
		return &TextError{Field: field, Msg: "has no domain after the @", Fix: example}
	case !strings.Contains(domain, "."):
		return &TextError{Field: field, Msg: fmt.Sprintf("has a domain without a dot (%s)", domain), Fix: example}
	case strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return &TextError{Field: field, Msg: fmt.Sprintf("has an empty part in its domain (%s)", domain),
			Fix: "check the dots after the @"}
	}
	return nil
}

// indexSpace is strings.IndexFunc(s, unicode.IsSpace), without decoding ASCII.
func indexSpace(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || '\t' <= c && c <= '\r' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return -1
}

// lineField is one single-line field of a lead, as a person calls it.
type lineField struct {
	name     string
	value    string
	maxRunes int
}

// ValidateLead checks every text field of a lead before it is stored, so an
// import or a form refuses bad text with the field and position instead of
// storing it: single-line fields with ValidateLine and their caps, the email
// with ValidateEmail when there is one, notes with the note rules, and every
// imported attribute (named by its column header) as a single-line field. It
// also refuses a negative head count. It returns the first problem, as a
// *TextError, checking fields in a fixed order so the answer is the same on
// every run.
func ValidateLead(l *Lead) error {
	if err := ValidateLine("name", l.Name, MaxNameRunes); err != nil {
		return err
	}
	if l.Email != "" {
		if err := ValidateEmail(l.Email); err != nil {
			return err
		}
	}
	fields := []lineField{
		{"phone", l.Phone, maxPhoneRunes},
		{"company", l.Company, maxLineRunes},
		{"title", l.Title, maxLineRunes},
		{"industry", l.Industry, maxShortRunes},
		{"country", l.Country, maxShortRunes},
		{"city", l.City, maxShortRunes},
		{"source", l.Source, maxShortRunes},
		{"campaign", l.Campaign, maxLineRunes},
		{"persona", l.Persona, maxShortRunes},
		{"journey stage", l.Journey, maxShortRunes},
		{"owner", l.Owner, maxShortRunes},
		{"external ID", l.ExternalID, maxLineRunes},
		{"lost reason", l.LostReason, maxLineRunes},
	}
	for _, f := range fields {
		if err := ValidateLine(f.name, f.value, f.maxRunes); err != nil {
			return err
		}
	}
	if l.Employees < 0 {
		return &TextError{Field: "employees",
			Msg: fmt.Sprintf("is %d", l.Employees),
			Fix: "enter the head count as a whole number, or 0 when it is not known"}
	}
	for _, a := range l.Activity {
		if err := ValidateLine("activity", a.Kind, maxShortRunes); err != nil {
			return err
		}
	}
	if err := validateDecisions(l); err != nil {
		return err
	}
	return validateAttrs(l.Attrs)
}

// validateDecisions checks the text of a rejection and of a dispute.
func validateDecisions(l *Lead) error {
	if r := l.Rejection; r != nil {
		if err := validateNoteField("rejection note", r.Note); err != nil {
			return err
		}
		if err := ValidateLine("rejected by", r.By, maxShortRunes); err != nil {
			return err
		}
	}
	if d := l.Dispute; d != nil {
		checks := []struct {
			name, value string
			note        bool
		}{
			{"dispute argument", d.Argument, true},
			{"disputed by", d.By, false},
			{"verdict", d.Verdict, true},
			{"decided by", d.DecidedBy, false},
		}
		for _, c := range checks {
			var err error
			if c.note {
				err = validateNoteField(c.name, c.value)
			} else {
				err = ValidateLine(c.name, c.value, maxShortRunes)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// validateAttrs checks imported attributes in name order. An attribute with
// no name is refused only when it has a value: spreadsheets often end the
// header with a stray comma, leaving an unnamed empty column.
//
// Nearly every row passes, so the attributes are checked in the map's order first
// and sorted only when one fails, to report the first problem in name order.
func validateAttrs(attrs map[string]string) error {
	for k, v := range attrs {
		if validateAttr(k, v) != nil {
			return firstAttrError(attrs)
		}
	}
	return nil
}

// firstAttrError is the problem of the first attribute by name that has one.
func firstAttrError(attrs map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if err := validateAttr(k, attrs[k]); err != nil {
			return err
		}
	}
	return nil
}

// validateAttr checks one attribute, its header and its value.
func validateAttr(k, v string) error {
	if k == "" {
		if v == "" {
			return nil
		}
		return &TextError{Field: "an attribute", Msg: "has a value but no column header",
			Fix: "name the column in the header row and try again"}
	}
	// The header is checked on every row: name it only when it is refused.
	if ValidateLine("", k, maxLineRunes) != nil {
		return ValidateLine("the column header "+Sanitize(k), k, maxLineRunes)
	}
	return ValidateLine(k, v, maxAttrRunes)
}
