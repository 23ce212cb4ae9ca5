package leadcsv

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"align/model"
)

// sampleLeads are leads as a store holds them, with the awkward values an
// export must carry: formula-leading text, quotes, commas, newlines in
// attributes' keys' neighbours, unicode.
func sampleLeads() []*model.Lead {
	t0 := time.Date(2026, 11, 1, 9, 30, 0, 123, time.UTC)
	return []*model.Lead{
		{ID: 1, ExternalID: "p-1", Name: "Ana Lima", Email: "ana@example.com", Phone: "+55 11 5555", Company: "Acme, Inc.",
			Title: "CFO", Industry: "Retail", Country: "Brazil", City: "São Paulo", Employees: 250, Source: "Google",
			Campaign: "spring", Persona: "economic-buyer", Journey: "consideration", Stage: model.StageMQL, Owner: "",
			Score: 55, Fit: 30, Engagement: 25, Created: t0, Updated: t0.Add(time.Hour),
			Attrs: map[string]string{"Lead Number": "660737", "Tags": "=cmd|' /C calc'!A0", "Quote": `say "hi"`}},
		{ID: 2, Name: "=HYPERLINK(\"http://evil\")", Company: "@Acme", Title: "-CFO", Source: "'quoted", Stage: model.StageSAL,
			Owner: "rui", Score: -5, Fit: -5, Created: t0, Updated: t0},
		{ID: 3, ExternalID: "abc", Stage: model.StageInquiry, Created: t0, Updated: t0},
	}
}

func storeWith(leads []*model.Lead) *fakeStore {
	f := newFakeStore()
	for _, l := range leads {
		c := l.Clone()
		f.leads = append(f.leads, &c)
		f.index(&c)
	}
	return f
}

func TestExportCSVGuardsFormulas(t *testing.T) {
	var out bytes.Buffer
	if err := Export(context.Background(), storeWith(sampleLeads()), &out, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(exportColumns, ",") {
		t.Errorf("header = %v", recs[0])
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want a header and 3 leads", len(recs))
	}
	for _, rec := range recs[1:] {
		for i, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("column %s holds an unguarded formula: %q", exportColumns[i], cell)
			}
		}
	}
	col := func(name string) int {
		for i, c := range exportColumns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return 0
	}
	row := recs[2]
	for name, want := range map[string]string{"name": `'=HYPERLINK("http://evil")`, "company": "'@Acme", "title": "'-CFO",
		"source": "''quoted", "score": "'-5", "stage": "sal", "owner": "rui"} {
		if got := row[col(name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := recs[1][col("attrs")]; !strings.HasPrefix(got, `{"Lead Number":"660737"`) {
		t.Errorf("attrs = %q, want a JSON object with sorted keys", got)
	}
}

func TestExportJSON(t *testing.T) {
	var out bytes.Buffer
	if err := Export(context.Background(), storeWith(sampleLeads()), &out, "json"); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not one JSON array: %v\n%s", err, out.String())
	}
	if len(got) != 3 {
		t.Fatalf("%d elements, want 3", len(got))
	}
	for _, el := range got {
		for _, k := range []string{"id", "name", "company", "email", "stage", "owner", "score"} {
			if _, ok := el[k]; !ok {
				t.Errorf("element %v has no %q", el["id"], k)
			}
		}
	}
	if got[1]["owner"] != "rui" || got[1]["stage"] != "sal" || got[0]["company"] != "Acme, Inc." {
		t.Errorf("wrong values: %v", got[:2])
	}

	out.Reset()
	if err := Export(context.Background(), newFakeStore(), &out, "json"); err != nil || out.String() != "[]\n" {
		t.Errorf("empty export = %q, %v; want []", out.String(), err)
	}
	if err := Export(context.Background(), newFakeStore(), &out, "xml"); err == nil {
		t.Error("an unknown format was accepted")
	}
}

// TestRoundTrip exports leads, imports the export into an empty store and
// expects the same leads back.
func TestRoundTrip(t *testing.T) {
	want := sampleLeads()
	var out bytes.Buffer
	if err := Export(context.Background(), storeWith(want), &out, "csv"); err != nil {
		t.Fatal(err)
	}
	exported := out.String()
	empty := newFakeStore()
	var errs strings.Builder
	sum, err := Import(context.Background(), empty, strings.NewReader(exported), Options{Errs: &errs})
	if err != nil || sum != (Summary{Imported: 3, MQL: 1, Rows: 3, Unkeyed: 1}) {
		t.Fatalf("Import = %+v, %v; stderr:\n%s", sum, err, errs.String())
	}
	for i, l := range empty.leads {
		if !leadsEqual(*l, *want[i]) {
			t.Errorf("lead %d came back as\n%+v\nwant\n%+v", i+1, *l, *want[i])
		}
	}
	out.Reset()
	if err := Export(context.Background(), empty, &out, "csv"); err != nil || out.String() != exported {
		t.Errorf("the second export differs from the first:\n%s\n%s", exported, out.String())
	}
}

func TestGuard(t *testing.T) {
	for _, s := range []string{"", "a", "=1", "+1", "-1", "@a", "\tx", "\rx", "'", "'=1", "''", "x'"} {
		if got := unguard(guard(s)); got != s {
			t.Errorf("unguard(guard(%q)) = %q", s, got)
		}
	}
}
