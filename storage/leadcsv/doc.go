// Package leadcsv moves leads between CSV (or JSON) files and the store.
//
// Import streams a CSV file into a Sink (the store) in bounded batches, so a
// file of any size costs the same memory. Before a single row is sent, it sniffs
// the first 64 KiB and refuses what is not CSV text: an Excel workbook with a
// .csv name, UTF-16 or UTF-32 text, binary data, an empty file. It strips a
// UTF-8 BOM, detects the delimiter (comma, semicolon, tab or pipe) from the header
// line and accepts CRLF, LF and old-Mac CR-only line endings.
//
// Every data row is counted exactly once: imported (a new lead), updated (it
// matched a lead by email or external ID) or rejected. A rejected row is
// reported as "line N: reason", N being the line the row starts on in the file,
// and the rest of the file still goes in. A row is rejected whole when it
// cannot be parsed (a stray quote, the wrong number of fields), when one of its
// values is invalid (control characters, a bad email, a date that is not a
// date), when a field is over 1 MiB or the row over 4 MiB, or when it has no
// identity at all (no name, email, company or external ID).
//
// Headers are matched to lead fields by name, ignoring case, spaces and
// punctuation, with the synonyms that CRM exports use ("E-mail", "Account
// Name", "Prospect ID"...); Options.Map overrides the match. Columns without a
// field of their own are kept in Lead.Attrs under their header, so scoring
// rules can use any imported column. Placeholder values ("Select", "unknown",
// "n/a", "-", blank) mean "not answered" and are not stored. A header that
// appears twice keeps both columns as attributes, the second as "Header (2)";
// two columns that would fill the same field (say "Email" and "E-mail") are
// refused before anything is read, with the --map that settles it, since
// picking one silently would drop data. When a full-name column exists,
// first- and last-name columns stay attributes; otherwise they are joined.
//
// Export writes every lead as CSV, in a stable column order with a final
// "attrs" column holding the other columns as a JSON object, or as one JSON
// array streamed element by element. CSV cells that a spreadsheet would run
// as a formula are prefixed with a quote; Import recognises an align export by
// its header, removes that prefix and reads back every column, so export then
// import reproduces the leads.
package leadcsv
