package model

import (
	"strconv"
	"time"
)

// Diff lists the fields people care about that differ between two versions of a lead,
// in a fixed order, for the audit log and the timeline.
func Diff(a, b Lead) []Change {
	var out []Change
	add := func(field, x, y string) {
		if x != y {
			out = append(out, Change{Field: field, Before: x, After: y})
		}
	}
	add("stage", string(a.Stage), string(b.Stage))
	add("owner", a.Owner, b.Owner)
	add("name", a.Name, b.Name)
	add("email", a.Email, b.Email)
	add("phone", a.Phone, b.Phone)
	add("company", a.Company, b.Company)
	add("title", a.Title, b.Title)
	add("industry", a.Industry, b.Industry)
	add("country", a.Country, b.Country)
	add("city", a.City, b.City)
	add("employees", itoa(a.Employees), itoa(b.Employees))
	add("source", a.Source, b.Source)
	add("campaign", a.Campaign, b.Campaign)
	add("persona", a.Persona, b.Persona)
	add("journey", a.Journey, b.Journey)
	add("score", itoa(a.Score), itoa(b.Score))
	add("won_value", strconv.FormatInt(a.WonValue, 10), strconv.FormatInt(b.WonValue, 10))
	add("lost_reason", a.LostReason, b.LostReason)
	add("rejection", rejection(a.Rejection), rejection(b.Rejection))
	add("dispute", dispute(a.Dispute), dispute(b.Dispute))
	add("accept_clock", clock(a.AcceptClock), clock(b.AcceptClock))
	add("first_touch_clock", clock(a.FirstTouchClock), clock(b.FirstTouchClock))
	return out
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func rejection(r *Rejection) string {
	if r == nil {
		return ""
	}
	return string(r.Reason)
}

func dispute(d *Dispute) string {
	if d == nil {
		return ""
	}
	return string(d.State)
}

func clock(c Clock) string {
	switch {
	case c.Start.IsZero():
		return ""
	case c.Running():
		return "running until " + c.Deadline.Format(time.RFC3339)
	}
	return "stopped " + c.Stopped.Format(time.RFC3339)
}
