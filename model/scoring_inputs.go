package model

// Skipping conditions whose inputs a lead does not have.
//
// A default rule set serves several kinds of leads, so most leads lack most rules'
// inputs: an imported X Education row has no title and no activity, a sample lead
// no imported columns. A condition is a pure function of the names it reads, so if
// every one of them is empty on a lead (as on a lead with nothing at all), the
// condition gives what it gives on the empty lead, which CompileRules computes once.
// When that answer is false, Score skips the condition without running it on expr's
// virtual machine; it changes no result. (A native condition, see scoring_native.go,
// costs less than this check, so Score just runs it.)

import (
	"time"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// inputs are the names a condition reads, found in its syntax tree.
type inputs struct {
	// opaque is set when the condition reads something the analysis cannot name (a
	// helper with a computed argument, a variable): it then always runs.
	opaque   bool
	fields   []string // lead fields by their expression name, such as "title"
	columns  []string // imported columns read through num, attr or has
	kinds    []string // activity kinds read through count or recent
	activity bool     // the activity list itself
	attrs    bool     // the attrs map itself
	// wordLists are the constant word lists passed to hasWord, to parse once.
	wordLists []string
}

// inputsOf walks a compiled condition and collects its inputs.
func inputsOf(prog *vm.Program) inputs {
	v := &inputFinder{}
	node := prog.Node()
	ast.Walk(&node, v)
	if v.helperNames != v.helperCalls {
		v.in.opaque = true // a helper appeared other than as a call with a constant argument
	}
	return v.in
}

type inputFinder struct {
	in                       inputs
	helperNames, helperCalls int
}

func (v *inputFinder) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		switch n.Value {
		case "num", "attr", "has", "count", "recent":
			v.helperNames++
		case "hasWord":
			// reads only its arguments, which the walk visits on their own
		case "activity":
			v.in.activity = true
		case "attrs":
			v.in.attrs = true
		default:
			if _, known := leadFieldEmpty(&Lead{}, n.Value); known {
				v.in.fields = append(v.in.fields, n.Value)
			} else {
				v.in.opaque = true
			}
		}
	case *ast.CallNode:
		callee, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || len(n.Arguments) == 0 {
			return
		}
		arg, constant := n.Arguments[0].(*ast.StringNode)
		switch callee.Value {
		case "num", "attr", "has":
			if constant {
				v.helperCalls++
				v.in.columns = append(v.in.columns, arg.Value)
			}
		case "count", "recent":
			if constant {
				v.helperCalls++
				v.in.kinds = append(v.in.kinds, arg.Value)
			}
		case "hasWord":
			if len(n.Arguments) == 2 {
				if words, ok := n.Arguments[1].(*ast.StringNode); ok {
					v.in.wordLists = append(v.in.wordLists, words.Value)
				}
			}
		}
	}
}

// leadFieldEmpty reports whether a lead's field, by its expression name, is empty,
// and whether the name is a lead field at all.
func leadFieldEmpty(l *Lead, name string) (empty, known bool) {
	switch name {
	case "name":
		return l.Name == "", true
	case "email":
		return l.Email == "", true
	case "phone":
		return l.Phone == "", true
	case "company":
		return l.Company == "", true
	case "title":
		return l.Title == "", true
	case "industry":
		return l.Industry == "", true
	case "country":
		return l.Country == "", true
	case "city":
		return l.City == "", true
	case "employees":
		return l.Employees == 0, true
	case "source":
		return l.Source == "", true
	case "campaign":
		return l.Campaign == "", true
	case "persona":
		return l.Persona == "", true
	case "journey":
		return l.Journey == "", true
	case "stage":
		return l.Stage == "", true
	case "owner":
		return l.Owner == "", true
	}
	return false, false
}

// absentOn reports whether every input is empty on the lead, so the condition gives
// what it gives on the empty lead.
func (in *inputs) absentOn(l *Lead) bool {
	if in.opaque || (in.activity && len(l.Activity) > 0) || (in.attrs && len(l.Attrs) > 0) {
		return false
	}
	for _, f := range in.fields {
		if empty, _ := leadFieldEmpty(l, f); !empty {
			return false
		}
	}
	for _, c := range in.columns {
		// A missing column and a placeholder read the same through num, attr and has.
		if !IsPlaceholder(l.Attrs[c]) {
			return false
		}
	}
	for _, k := range in.kinds {
		for i := range l.Activity {
			if l.Activity[i].Kind == k {
				return false
			}
		}
	}
	return true
}

// skippable reports whether a condition can be skipped on leads lacking its inputs:
// it must be analysable and give false (without failing) on the empty lead.
func skippable(prog *vm.Program, in inputs) bool {
	if in.opaque {
		return false
	}
	env := newMQLEnv(nil, 0)
	env.load(&Lead{}, time.Time{})
	var machine vm.VM
	out, err := machine.Run(prog, &env.leadEnv)
	return err == nil && out == false
}
