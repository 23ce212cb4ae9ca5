package model

// Native conditions: the common shapes of a scoring condition evaluated in Go.
//
// Most rules a company writes are comparisons of one field, column or activity count
// with constants, joined by and, or and not. Running those through expr's virtual
// machine costs a few hundred nanoseconds each (boxing every value, reading fields
// by reflection), which adds up over a rule set and a million imported leads. So
// CompileRules also translates a condition made only of these shapes into a Go
// closure with the same meaning; anything else (a regular expression, a list
// predicate, arithmetic) runs on the virtual machine as before. Both paths are
// checked against each other on real data by the tests.
//
// The shapes: true/false; and, or, not (short-circuit, left to right, like expr);
// ==, != between strings; ==, !=, <, <=, >, >= between numbers (compared as float64,
// as expr compares an int with a float); `in` a list of string constants; a string
// field, attr(col) or lower(string); a number constant, employees, num(col),
// count(kind) or recent(kind, days), and in the MQL rule fit, engagement and score;
// has(col); hasWord(string, words).

import (
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

type (
	nativeBool func(e *mqlEnv) bool
	nativeNum  func(e *mqlEnv) float64
	nativeStr  func(e *mqlEnv) string
)

// nativeOf translates a compiled condition, or returns nil when some part of it has
// no native form. words are the parsed hasWord lists; columns numbers the imported
// columns that native conditions read, and gains the ones this condition reads.
func nativeOf(prog *vm.Program, words map[string]*wordList, columns map[string]int) nativeBool {
	c := nativeCompiler{words: words, columns: columns}
	return c.boolean(prog.Node())
}

type nativeCompiler struct {
	words   map[string]*wordList
	columns map[string]int
}

// column numbers an imported column, for the env's per-lead cache of columns.
func (c nativeCompiler) column(name string) int {
	i, ok := c.columns[name]
	if !ok {
		i = len(c.columns)
		c.columns[name] = i
	}
	return i
}

func (c nativeCompiler) boolean(n ast.Node) nativeBool {
	switch n := n.(type) {
	case *ast.BoolNode:
		v := n.Value
		return func(*mqlEnv) bool { return v }
	case *ast.UnaryNode:
		if n.Operator != "!" && n.Operator != "not" {
			return nil
		}
		if x := c.boolean(n.Node); x != nil {
			return func(e *mqlEnv) bool { return !x(e) }
		}
	case *ast.BinaryNode:
		return c.binary(n)
	case *ast.CallNode:
		return c.boolCall(n)
	}
	return nil
}

func (c nativeCompiler) binary(n *ast.BinaryNode) nativeBool {
	switch n.Operator {
	case "&&", "and", "||", "or":
		l, r := c.boolean(n.Left), c.boolean(n.Right)
		if l == nil || r == nil {
			return nil
		}
		if n.Operator == "&&" || n.Operator == "and" {
			return func(e *mqlEnv) bool { return l(e) && r(e) }
		}
		return func(e *mqlEnv) bool { return l(e) || r(e) }
	case "in":
		set := stringSet(n.Right)
		if set == nil {
			return nil
		}
		if x := c.lowered(n.Left); x != nil {
			return func(e *mqlEnv) bool { return inLowered(set, x(e)) }
		}
		l := c.str(n.Left)
		if l == nil {
			return nil
		}
		return func(e *mqlEnv) bool { _, ok := set[l(e)]; return ok }
	case "==", "!=":
		if l, r := c.str(n.Left), c.str(n.Right); l != nil && r != nil {
			if n.Operator == "==" {
				return func(e *mqlEnv) bool { return l(e) == r(e) }
			}
			return func(e *mqlEnv) bool { return l(e) != r(e) }
		}
	}
	l, r := c.num(n.Left), c.num(n.Right)
	if l == nil || r == nil {
		return nil
	}
	switch n.Operator {
	case "==":
		return func(e *mqlEnv) bool { return l(e) == r(e) }
	case "!=":
		return func(e *mqlEnv) bool { return l(e) != r(e) }
	case "<":
		return func(e *mqlEnv) bool { return l(e) < r(e) }
	case "<=":
		return func(e *mqlEnv) bool { return l(e) <= r(e) }
	case ">":
		return func(e *mqlEnv) bool { return l(e) > r(e) }
	case ">=":
		return func(e *mqlEnv) bool { return l(e) >= r(e) }
	}
	return nil
}

// lowered is the argument of lower(x) when n is such a call with a native x, else nil.
func (c nativeCompiler) lowered(n ast.Node) nativeStr {
	if b, ok := n.(*ast.BuiltinNode); ok && b.Name == "lower" && len(b.Arguments) == 1 {
		return c.str(b.Arguments[0])
	}
	return nil
}

// inLowered is `lower(s) in set`. Short ASCII text, what a rule such as
// lower(source) in [...] mostly reads, is lowered in a buffer on the stack, so the
// test allocates nothing (indexing a map by string(bytes) does not copy); other text
// goes through strings.ToLower as lower does.
func inLowered(set map[string]struct{}, s string) bool {
	var buf [64]byte
	if b, ok := lowerASCII(buf[:0], s); ok {
		_, in := set[string(b)]
		return in
	}
	_, in := set[strings.ToLower(s)]
	return in
}

// lowerASCII appends s lowered to b, as strings.ToLower would, when s is ASCII that
// fits in b's capacity; ok is false otherwise.
func lowerASCII(b []byte, s string) (_ []byte, ok bool) {
	if len(s) > cap(b)-len(b) {
		return b, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return b, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// stringSet is the constant list of strings on the right of `in`, as the optimizer
// left it (a set) or as written (a list), or nil.
func stringSet(n ast.Node) map[string]struct{} {
	switch n := n.(type) {
	case *ast.ConstantNode:
		set, _ := n.Value.(map[string]struct{})
		return set
	case *ast.ArrayNode:
		set := make(map[string]struct{}, len(n.Nodes))
		for _, x := range n.Nodes {
			s, ok := x.(*ast.StringNode)
			if !ok {
				return nil
			}
			set[s.Value] = struct{}{}
		}
		return set
	}
	return nil
}

func (c nativeCompiler) boolCall(n *ast.CallNode) nativeBool {
	name, args := callName(n)
	switch {
	case name == "has" && len(args) == 1:
		if col, ok := constString(args[0]); ok {
			i := c.column(col)
			return func(e *mqlEnv) bool { return e.colAttr(i, col) != "" }
		}
	case name == "hasWord" && len(args) == 2:
		text := c.str(args[0])
		words, ok := constString(args[1])
		if text == nil || !ok || c.words[words] == nil {
			return nil
		}
		wl := c.words[words]
		return func(e *mqlEnv) bool { return wl.in(text(e)) }
	}
	return nil
}

func (c nativeCompiler) num(n ast.Node) nativeNum {
	switch n := n.(type) {
	case *ast.IntegerNode:
		v := float64(n.Value)
		return func(*mqlEnv) float64 { return v }
	case *ast.FloatNode:
		v := n.Value
		return func(*mqlEnv) float64 { return v }
	case *ast.IdentifierNode:
		switch n.Value {
		case "employees":
			return func(e *mqlEnv) float64 { return float64(e.Employees) }
		case "fit": // fit, engagement and score exist only for the MQL rule
			return func(e *mqlEnv) float64 { return float64(e.Fit) }
		case "engagement":
			return func(e *mqlEnv) float64 { return float64(e.Engagement) }
		case "score":
			return func(e *mqlEnv) float64 { return float64(e.Score) }
		}
	case *ast.CallNode:
		name, args := callName(n)
		switch {
		case name == "num" && len(args) == 1:
			if col, ok := constString(args[0]); ok {
				i := c.column(col)
				return func(e *mqlEnv) float64 { return e.colNum(i, col) }
			}
		case name == "count" && len(args) == 1:
			if kind, ok := constString(args[0]); ok {
				return func(e *mqlEnv) float64 { return float64(e.Count(kind)) }
			}
		case name == "recent" && len(args) == 2:
			kind, ok := constString(args[0])
			days, isInt := args[1].(*ast.IntegerNode)
			if ok && isInt {
				d := days.Value
				return func(e *mqlEnv) float64 { return float64(e.Recent(kind, d)) }
			}
		}
	}
	return nil
}

func (c nativeCompiler) str(n ast.Node) nativeStr {
	switch n := n.(type) {
	case *ast.StringNode:
		v := n.Value
		return func(*mqlEnv) string { return v }
	case *ast.IdentifierNode:
		return stringField(n.Value)
	case *ast.BuiltinNode:
		if n.Name == "lower" && len(n.Arguments) == 1 {
			if x := c.str(n.Arguments[0]); x != nil {
				return func(e *mqlEnv) string { return strings.ToLower(x(e)) }
			}
		}
	case *ast.CallNode:
		name, args := callName(n)
		if name == "attr" && len(args) == 1 {
			if col, ok := constString(args[0]); ok {
				i := c.column(col)
				return func(e *mqlEnv) string { return e.colAttr(i, col) }
			}
		}
	}
	return nil
}

// stringField reads a string field of the env by its expression name.
func stringField(name string) nativeStr {
	switch name {
	case "name":
		return func(e *mqlEnv) string { return e.Name }
	case "email":
		return func(e *mqlEnv) string { return e.Email }
	case "phone":
		return func(e *mqlEnv) string { return e.Phone }
	case "company":
		return func(e *mqlEnv) string { return e.Company }
	case "title":
		return func(e *mqlEnv) string { return e.Title }
	case "industry":
		return func(e *mqlEnv) string { return e.Industry }
	case "country":
		return func(e *mqlEnv) string { return e.Country }
	case "city":
		return func(e *mqlEnv) string { return e.City }
	case "source":
		return func(e *mqlEnv) string { return e.Source }
	case "campaign":
		return func(e *mqlEnv) string { return e.Campaign }
	case "persona":
		return func(e *mqlEnv) string { return e.Persona }
	case "journey":
		return func(e *mqlEnv) string { return e.Journey }
	case "stage":
		return func(e *mqlEnv) string { return e.Stage }
	case "owner":
		return func(e *mqlEnv) string { return e.Owner }
	}
	return nil
}

// callName is the name of a called helper and its arguments, "" for anything else.
func callName(n *ast.CallNode) (string, []ast.Node) {
	if id, ok := n.Callee.(*ast.IdentifierNode); ok {
		return id.Value, n.Arguments
	}
	return "", nil
}

func constString(n ast.Node) (string, bool) {
	s, ok := n.(*ast.StringNode)
	if !ok {
		return "", false
	}
	return s.Value, true
}
