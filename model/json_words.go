package model

import (
	"reflect"
	"strings"
)

// A JSON file a person wrote (a rule set) or another program did (an import) is told
// what is wrong with it in the words of someone writing JSON, not Go's ("cannot
// unmarshal string into Go struct field Lead.employees of type int").

// JSONTakes is what a field of Go type t takes, in words: "a whole number".
func JSONTakes(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list [...]"
	}
	return "an object {...}"
}

// JSONFound is the value encoding/json reports it found ("number 1.5", "string",
// "array"), in words: "1.5", "text", "a list [...]".
func JSONFound(v string) string {
	switch v {
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "array":
		return "a list [...]"
	case "object":
		return "an object {...}"
	case "number":
		return "a number"
	}
	return strings.TrimPrefix(v, "number ")
}
