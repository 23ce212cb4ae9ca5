// Package model is align's domain: leads and their lifecycle, who may do what,
// lead scoring, SLA clocks, personas, the buyer journey, campaigns, members and
// the audit events that record every change.
//
// It is pure Go: no I/O, no terminal, no database and no clock reads. Time is
// always passed in, so every rule can be tested with a fixed "now".
//
// # Untrusted text
//
// Every piece of user data (names, companies, notes, attributes, member names;
// from forms, imports, remote commands, the store or a restored backup) is
// untrusted. On the way in, ValidateLine, ValidateNote, ValidateEmail and
// ValidateLead refuse control characters, escapes, bidi controls and the like
// with a *TextError that names the field and position. On the way out,
// Sanitize (one line) and SanitizeBlock (notes, Markdown) are the one
// sanitiser every string passes through before it is styled, measured or
// truncated for a terminal: never print user data without it, and never build
// OSC, DCS, title or clipboard sequences from data. See reliability.md,
// "Terminal escape injection".
package model
