package storage

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"align/model"
)

// encodeLead is a lead's record: the bytes json.Marshal writes for it, written
// field by field instead of through reflection, which made JSON encoding the
// biggest single cost of a big import. The rare nested values (activity, rejection,
// dispute) still go through json.Marshal, and a lead with a time json.Marshal
// refuses is left to json.Marshal whole, so the record is always json.Marshal's
// (TestEncodeLeadIsMarshal, which also fails when model.Lead gains a field).
func encodeLead(l *model.Lead) ([]byte, error) {
	return appendLead(make([]byte, 0, leadRecordCap), l)
}

// leadRecordCap is the capacity encodeLead starts with: a sample lead's record is
// about 1.1 KB.
const leadRecordCap = 1536

// appendLead appends the lead's record (encodeLead) to b.
func appendLead(b []byte, l *model.Lead) ([]byte, error) {
	if !encodableTimes(l) {
		m, err := json.Marshal(l)
		return append(b, m...), err
	}
	var lt lastTime
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, uint64(l.ID), 10)
	b = optString(b, `,"external_id":`, l.ExternalID)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, l.Name)
	b = optString(b, `,"email":`, l.Email)
	b = optString(b, `,"phone":`, l.Phone)
	b = optString(b, `,"company":`, l.Company)
	b = optString(b, `,"title":`, l.Title)
	b = optString(b, `,"industry":`, l.Industry)
	b = optString(b, `,"country":`, l.Country)
	b = optString(b, `,"city":`, l.City)
	b = optInt(b, `,"employees":`, int64(l.Employees))
	b = optString(b, `,"source":`, l.Source)
	b = optString(b, `,"campaign":`, l.Campaign)
	b = optString(b, `,"persona":`, l.Persona)
	b = optString(b, `,"journey":`, l.Journey)
	b = lt.opt(b, `,"journey_since":`, l.JourneySince)
	b = append(b, `,"stage":`...)
	b = appendJSONString(b, string(l.Stage))
	b = lt.opt(b, `,"stage_since":`, l.StageSince)
	b = optString(b, `,"owner":`, l.Owner)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(l.Score), 10)
	b = append(b, `,"fit":`...)
	b = strconv.AppendInt(b, int64(l.Fit), 10)
	b = append(b, `,"engagement":`...)
	b = strconv.AppendInt(b, int64(l.Engagement), 10)
	if len(l.Breakdown) > 0 {
		b = append(b, `,"breakdown":[`...)
		for i := range l.Breakdown {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendScoreLine(b, &l.Breakdown[i])
		}
		b = append(b, ']')
	}
	var err error
	if len(l.Activity) > 0 {
		if b, err = appendMarshal(b, `,"activity":`, l.Activity); err != nil {
			return nil, err
		}
	}
	b = optClock(b, &lt, `,"accept_clock":`, l.AcceptClock)
	b = optClock(b, &lt, `,"first_touch_clock":`, l.FirstTouchClock)
	if l.Rejection != nil {
		if b, err = appendMarshal(b, `,"rejection":`, l.Rejection); err != nil {
			return nil, err
		}
	}
	if l.Dispute != nil {
		if b, err = appendMarshal(b, `,"dispute":`, l.Dispute); err != nil {
			return nil, err
		}
	}
	b = optInt(b, `,"won_value":`, l.WonValue)
	b = optString(b, `,"lost_reason":`, l.LostReason)
	if len(l.Attrs) > 0 {
		b = append(b, `,"attrs":{`...)
		var room [16]attrPair // an import's usual handful of columns, without allocating
		attrs := room[:0]
		for k, v := range l.Attrs {
			attrs = append(attrs, attrPair{k, v})
		}
		slices.SortFunc(attrs, func(x, y attrPair) int { return strings.Compare(x.k, y.k) })
		for i, a := range attrs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, a.k)
			b = append(b, ':')
			b = appendJSONString(b, a.v)
		}
		b = append(b, '}')
	}
	b = lt.append(append(b, `,"created":`...), l.Created)
	b = lt.append(append(b, `,"updated":`...), l.Updated)
	b = append(b, `,"version":`...)
	b = strconv.AppendUint(b, l.Version, 10)
	return append(b, '}'), nil
}

// attrPair is one attribute of a lead, for appendLead to write in key order.
type attrPair struct{ k, v string }

func appendScoreLine(b []byte, s *model.ScoreLine) []byte {
	b = append(b, `{"dim":`...)
	b = appendJSONString(b, string(s.Dimension))
	b = append(b, `,"rule":`...)
	b = appendJSONString(b, s.Rule)
	b = append(b, `,"reason":`...)
	b = appendJSONString(b, s.Reason)
	b = append(b, `,"points":`...)
	b = strconv.AppendInt(b, int64(s.Points), 10)
	b = optInt(b, `,"full":`, int64(s.Full))
	b = optInt(b, `,"age_days":`, int64(s.AgeDays))
	return append(b, '}')
}

func appendMarshal(b []byte, name string, v any) ([]byte, error) {
	m, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(append(b, name...), m...), nil
}

func optString(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	return appendJSONString(append(b, name...), v)
}

func optInt(b []byte, name string, v int64) []byte {
	if v == 0 {
		return b
	}
	return strconv.AppendInt(append(b, name...), v, 10)
}

// lastTime is the last time appendLead wrote, and where its text is in the record.
// Most times of a new lead are one instant (created, updated, stage and journey
// since, the start of its clock): writing it again is a copy.
type lastTime struct {
	t          time.Time
	start, end int
}

// append appends t as appendTime does. Times equal with == (the same instant,
// monotonic reading and location) are written alike, so their text is copied.
func (lt *lastTime) append(b []byte, t time.Time) []byte {
	if lt.end > 0 && t == lt.t {
		return append(b, b[lt.start:lt.end]...)
	}
	start := len(b)
	b = appendTime(b, t)
	lt.t, lt.start, lt.end = t, start, len(b)
	return b
}

// opt appends name and t unless t is zero.
func (lt *lastTime) opt(b []byte, name string, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return lt.append(append(b, name...), t)
}

func optClock(b []byte, lt *lastTime, name string, c model.Clock) []byte {
	if c == (model.Clock{}) {
		return b
	}
	b = append(b, name...)
	b = append(b, '{')
	first := true
	for _, f := range []struct {
		name string
		t    time.Time
	}{{`"start":`, c.Start}, {`"deadline":`, c.Deadline}, {`"stopped":`, c.Stopped}} {
		if f.t.IsZero() {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = lt.append(append(b, f.name...), f.t)
	}
	return append(b, '}')
}

// appendTime writes a time as time.Time.MarshalJSON does (encodableTimes checked
// that it can).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// encodableTimes reports whether every time of the lead written by appendTime is one
// time.Time.MarshalJSON writes the same way: a year of four digits and a zone offset
// under a day.
func encodableTimes(l *model.Lead) bool {
	return encodableTime(l.JourneySince) && encodableTime(l.StageSince) &&
		encodableTime(l.Created) && encodableTime(l.Updated) && encodableClock(l.AcceptClock) &&
		encodableClock(l.FirstTouchClock)
}

func encodableClock(c model.Clock) bool {
	return encodableTime(c.Start) && encodableTime(c.Deadline) && encodableTime(c.Stopped)
}

// Unix seconds of the first instant of year 0 and of year 10000, UTC.
var (
	year0Unix     = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	year10000Unix = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// encodableTime reports whether t's year in its own zone has four digits and its
// zone offset is under a day. The year is checked on the wall clock's seconds, which
// costs less than t.Year's calendar arithmetic on every time of every lead.
func encodableTime(t time.Time) bool {
	_, off := t.Zone()
	if off <= -24*3600 || off >= 24*3600 {
		return false
	}
	wall := t.Unix() + int64(off)
	return year0Unix <= wall && wall < year10000Unix
}

// jsonSafe marks the bytes appendJSONString copies as they are: ASCII from space on,
// but for the quote, the backslash and the HTML characters <, > and &. One lookup
// a byte instead of six comparisons, on every string of every record.
var jsonSafe = func() (safe [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// appendJSONString writes s as encoding/json does by default: quotes, backslashes
// and control characters escaped, <, > and & as \u003c, \u003e and \u0026, invalid
// UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
