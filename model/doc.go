// Package model is align's domain: leads and their lifecycle, who may do what,
// lead scoring, SLA clocks, personas, the buyer journey, campaigns, members and
// the audit events that record every change.
//
// It is pure Go: no I/O, no terminal, no database and no clock reads. Time is
// always passed in, so every rule can be tested with a fixed "now".
package model
