package storage

import (
	"encoding/json"
	"testing"
	"time"

	"align/model"
)

// TestEncodeLeadRepeatedTimes: times of one lead that share an instant but not a
// zone, or a zone but not an instant, are each written as json.Marshal writes them
// (appendLead copies the text of a time equal to the last one it wrote).
func TestEncodeLeadRepeatedTimes(t *testing.T) {
	at := time.Date(2026, 11, 27, 12, 30, 0, 120_000_000, time.UTC)
	cet := time.FixedZone("CET", 3600)
	l := model.Lead{Name: "Ana", Stage: model.StageMQL, Created: at, Updated: at, StageSince: at.In(cet),
		JourneySince: at, AcceptClock: model.Clock{Start: at, Deadline: at.Add(time.Hour)},
		FirstTouchClock: model.Clock{Start: at.Add(time.Hour), Stopped: at.In(cet)}}
	got, err := encodeLead(&l)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(&l)
	if string(got) != string(want) {
		t.Errorf("encodeLead:\n%s\njson.Marshal:\n%s", got, want)
	}
}
