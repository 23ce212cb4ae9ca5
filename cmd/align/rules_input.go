package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"align/model"
)

// maxRulesFile bounds what rules check and set read: a rule set is a few kilobytes, so a
// file far bigger is the wrong one (a CSV of leads, a backup) and is refused before it
// is held in memory.
const maxRulesFile = 1 << 20

// readRuleSet reads a rule set as `align rules show --format json` prints it. What
// makes it no rule set at all (not JSON, a misspelt field, no rules) is said here in one
// sentence with its place in the file; what is wrong with a rule is model.CompileRules's
// to say.
func (c *cli) readRuleSet(cmd *cobra.Command, arg string) (model.RuleSet, error) {
	var rs model.RuleSet
	r, name, _, err := c.openInput(cmd, arg)
	if err != nil {
		return rs, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxRulesFile+1))
	if err != nil {
		return rs, fmt.Errorf("cannot read rules from %s: %w", name, err)
	}
	show := c.cmdName("rules show --format json")
	if len(data) > maxRulesFile {
		return rs, fmt.Errorf("cannot read rules from %s: it is over 1 MiB, and a rule set is a few kilobytes; give the file that %s wrote", name, show)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return rs, fmt.Errorf("cannot read rules from %s: it is empty; start from the current rules with %s", name, c.cmdName("rules show --format json > rules.json"))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	// A misspelt field ("condtion") would otherwise be dropped in silence, and the rule
	// saved without what its author wrote.
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rs); err != nil {
		return rs, fmt.Errorf("cannot read rules from %s: %s; compare it with what %s prints", name, jsonProblem(data, dec, err), show)
	}
	if dec.More() {
		line, col := position(data, dec.InputOffset())
		return rs, fmt.Errorf("cannot read rules from %s: it holds more than one JSON value (another starts at line %d, column %d); keep one rule set in it", name, line, col)
	}
	if len(rs.Rules) == 0 {
		return rs, fmt.Errorf("cannot read rules from %s: it has no rules; a rule set needs at least one, as %s shows", name, show)
	}
	return rs, nil
}

// jsonProblem words a decoding error with where it is in data.
func jsonProblem(data []byte, dec *json.Decoder, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset-1) // Offset is just past the wrong byte
		return fmt.Sprintf("it is not valid JSON at line %d, column %d (%s)", line, col, syn)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "its JSON ends too soon (is a closing } or ] missing?)"
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Sprintf("it holds %s, where a rule set is one object {...}", model.JSONFound(typ.Value))
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		return fmt.Sprintf("at line %d, column %d, %q takes %s, not %s", line, col, typ.Field, model.JSONTakes(typ.Type), model.JSONFound(typ.Value))
	}
	// encoding/json has no type for an unknown field; its message names the field, and
	// the decoder stops just after the field's value.
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		off := dec.InputOffset()
		if i := bytes.LastIndex(data[:min(off, int64(len(data)))], []byte(field)); i >= 0 {
			off = int64(i)
		}
		line, col := position(data, off)
		return fmt.Sprintf("it has a field %s at line %d, column %d that a rule set does not have (a misspelt name?)", field, line, col)
	}
	return err.Error()
}

// position is the 1-based line and column (in characters) of a byte offset in data.
func position(data []byte, off int64) (line, col int) {
	before := data[:max(0, min(off, int64(len(data))))]
	line = bytes.Count(before, []byte("\n")) + 1
	return line, utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
}
