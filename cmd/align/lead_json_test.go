package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLeadJSONHasContractFields: `lead list` and `lead show` in JSON give every lead
// id, name, company, email, stage, owner and score, as product.md promises scripts,
// even when the lead has no email, company or owner (an X Education row has none).
// They were left out when empty, while `export --format json` kept them.
func TestLeadJSONHasContractFields(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, strings.NewReader("name,title\nAnn Lee,CFO\n"), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	want := []string{"id", "name", "company", "email", "stage", "owner", "score"}
	check := func(what string, obj map[string]any) {
		t.Helper()
		for _, k := range want {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s has no %q: %v", what, k, obj)
			}
		}
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "list", "--queue", "all", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != 1 {
		t.Fatalf("lead list: exit %d, %v, %q %s", code, err, out, errOut)
	}
	check("lead list", list[0])
	code, out, errOut = runAlign(t, dir, nil, "lead", "show", "1", "--format", "json")
	var one map[string]any
	if err := json.Unmarshal([]byte(out), &one); code != 0 || err != nil {
		t.Fatalf("lead show: exit %d, %v, %q %s", code, err, out, errOut)
	}
	check("lead show", one)
}
