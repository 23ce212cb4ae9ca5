package model

import (
	"strings"
	"testing"
)

func TestValidateEmail(t *testing.T) {
	tests := []struct {
		in      string
		wantPos int
		wantMsg string // a fragment of Msg; "" means valid
	}{
		{"ana@example.com", 0, ""},
		{"ana.lima+leads@mail.example.co.uk", 0, ""},
		{"Ana@Example.COM", 0, ""},
		{"josé@exämple.de", 0, ""},
		{"", 0, "is empty"},
		{"ana.example.com", 0, "no @"},
		{"ana@b@example.com", 6, "second @"},
		{"@example.com", 0, "nothing before the @"},
		{strings.Repeat("a", 65) + "@example.com", 0, "more than 64 bytes"},
		{"ana@", 0, "no domain"},
		{"ana@localhost", 0, "without a dot"},
		{"ana@.example.com", 0, "empty part"},
		{"ana@example.com.", 0, "empty part"},
		{"ana@example..com", 0, "empty part"},
		{"ana lima@example.com", 4, "a space"},
		{"ana@example.com\u00a0", 16, "a space"},
		{"ana@example.com\x1b[2J", 16, "escape character"},
		{"ana@exa\u202Eelpm.com", 8, "text-direction"},
		{"ana@" + strings.Repeat("a", 250) + ".com", 0, "more than the 254"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			checkTextError(t, ValidateEmail(tt.in), "email", tt.wantPos, tt.wantMsg)
		})
	}
}

// goodLead is a lead with every text field filled with acceptable text.
func goodLead() Lead {
	return Lead{
		ExternalID: "7927b2df-8bba-4d29-b9a2-b6e0beafe620",
		Name:       "Ana Lima", Email: "ana@example.com", Phone: "+55 11 5555-0100",
		Company: "Acme Analytics", Title: "Head of Growth", Industry: "Software",
		Country: "Brazil", City: "São Paulo", Employees: 120,
		Source: "Google", Campaign: "Q3 webinar", Persona: "growth-lead",
		Journey: "consideration", Owner: "bruno", LostReason: "",
		Activity:  []Activity{{Kind: "webinar"}},
		Rejection: &Rejection{Reason: ReasonOther, Note: "Wrong region.\nAsked to recycle in Q4.", By: "bruno"},
		Dispute:   &Dispute{State: DisputeOpen, Argument: "They expanded to our region.", By: "marta"},
		Attrs:     map[string]string{"Lead Quality": "Might be", "Specialization": "Select", "": ""},
	}
}

func TestValidateLead(t *testing.T) {
	tests := []struct {
		name      string
		change    func(l *Lead)
		wantField string // "" means valid
		wantMsg   string
	}{
		{"good lead", func(l *Lead) {}, "", ""},
		{"empty optional email", func(l *Lead) { l.Email = "" }, "", ""},
		{"no rejection or dispute", func(l *Lead) { l.Rejection, l.Dispute = nil, nil }, "", ""},
		{"escape in name", func(l *Lead) { l.Name = "Ana\x1b]52;c;eA==" }, "name", "escape"},
		{"name too long", func(l *Lead) { l.Name = strings.Repeat("n", MaxNameRunes+1) }, "name", "longer than the 200"},
		{"bad email", func(l *Lead) { l.Email = "ana" }, "email", "no @"},
		{"newline in phone", func(l *Lead) { l.Phone = "555\n0100" }, "phone", "line break"},
		{"bidi in company", func(l *Lead) { l.Company = "Acme\u202E" }, "company", "text-direction"},
		{"C1 in title", func(l *Lead) { l.Title = "\u009b2J" }, "title", "U+009B"},
		{"zero-width in industry", func(l *Lead) { l.Industry = "Soft\u200Bware" }, "industry", "invisible"},
		{"invalid UTF-8 in country", func(l *Lead) { l.Country = "Bra\xffzil" }, "country", "UTF-8"},
		{"tab in city", func(l *Lead) { l.City = "São\tPaulo" }, "city", "a tab"},
		{"zalgo in source", func(l *Lead) { l.Source = zalgo }, "source", "combining"},
		{"NUL in campaign", func(l *Lead) { l.Campaign = "q3\x00" }, "campaign", "U+0000"},
		{"separator in persona", func(l *Lead) { l.Persona = "a\u2028b" }, "persona", "separator"},
		{"BEL in external ID", func(l *Lead) { l.ExternalID = "x\a" }, "external ID", "U+0007"},
		{"CR in lost reason", func(l *Lead) { l.LostReason = "price\r" }, "lost reason", "carriage return"},
		{"negative head count", func(l *Lead) { l.Employees = -3 }, "employees", "is -3"},
		{"escape in activity", func(l *Lead) { l.Activity[0].Kind = "visit\x1b" }, "activity", "escape"},
		{"escape in rejection note", func(l *Lead) { l.Rejection.Note = "\x1b[2J" }, "rejection note", "escape"},
		{"long dispute argument", func(l *Lead) { l.Dispute.Argument = strings.Repeat("x", MaxNoteBytes+1) }, "dispute argument", "16 KiB"},
		{"DEL in verdict", func(l *Lead) { l.Dispute.Verdict = "no\x7f" }, "verdict", "U+007F"},
		{"escape in an attribute value", func(l *Lead) { l.Attrs["Lead Quality"] = "\x1b]8;;x" }, "Lead Quality", "escape"},
		{"long attribute value", func(l *Lead) { l.Attrs["Notes"] = strings.Repeat("x", 501) }, "Notes", "longer than the 500"},
		{"escape in an attribute header", func(l *Lead) { l.Attrs["Bad\x1b"] = "v" }, "the column header Bad^[", "escape"},
		{"value under an unnamed column", func(l *Lead) { l.Attrs[""] = "orphan" }, "an attribute", "no column header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := goodLead()
			tt.change(&l)
			err := ValidateLead(&l)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			te, ok := err.(*TextError)
			if !ok || te.Field != tt.wantField || !strings.Contains(te.Msg, tt.wantMsg) || te.Fix == "" {
				t.Fatalf("got %#v, want a *TextError for %q saying %q with a fix", err, tt.wantField, tt.wantMsg)
			}
		})
	}
}

func TestValidateLeadReportsAttributesInAFixedOrder(t *testing.T) {
	l := goodLead()
	l.Attrs = map[string]string{"Zeta": "\x1b", "Alpha": "\x1b", "Mid": "\x1b"}
	for range 20 { // map order changes between runs; the answer must not
		if err := ValidateLead(&l); err == nil || err.(*TextError).Field != "Alpha" {
			t.Fatalf("got %v, want the Alpha attribute first", err)
		}
	}
}
