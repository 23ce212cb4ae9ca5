// Package sample builds align's sample workspace: the deterministic, realistic
// company that `align demo` opens, that the first-run screen offers, and that tests
// use as a fixture. It also writes large CRM-style CSV files for import benchmarks.
//
// Generate(now) returns Northwind Analytics as it stands at now: eight members
// covering every role, five buyer personas (one per decision role), the default
// journey with its guidance written in, six campaigns of the last quarter, the
// default scoring rules, and 2,000 leads in every lifecycle stage with 90 days of
// history. Everything is drawn from one fixed PCG seed, so the same now gives the
// same workspace, and every date is relative to now, so the demo always looks
// current.
//
// Each lead's history is made the way the team would have made it: the lead is
// created as an inquiry, then every step (marked MQL, accepted, first contact,
// qualified, won or lost, rejected, disputed, decided, noted) is applied with
// model.Apply by the member who took it, at the time they took it. A lead's final
// state, its Version and its events therefore agree: Version is the number of its
// events, the creation counting as the first.
//
// Response times follow the research product.md cites. For every lead that became
// an MQL, the time from its first MQL event to its first logged contact is within
// an hour for about 37 %, within a day for 16 %, later for 24 %, and never for 23 %
// (those still wait in the inbox, were sent back without a call, or were accepted
// and not yet called). Pending clocks are placed so the inbox shows acceptance
// clocks on track, at risk and breached at now.
//
// The package is pure: no I/O except the io.Writer WriteCSV is given, no clock
// reads, no package-level mutable state.
package sample
