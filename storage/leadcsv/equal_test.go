package leadcsv

import (
	"encoding/json"

	"align/model"
)

// leadsEqual compares two leads by their JSON form, which covers every field.
func leadsEqual(a, b model.Lead) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
