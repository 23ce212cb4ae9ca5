package storage

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"align/model"
)

// tricky are strings encoding/json escapes in every way it can.
var tricky = []string{"", "plain", `q"b\s`, "<a href='x'>&amp;</a>", "tab\tnl\nret\rbs\bff\f\x01\x1f\x7f",
	"bad utf-8 \xff\xfe end", "sep\u2028para\u2029", "émoji 🎉 日本", "\xe2\x80", "trailing \xc3"}

// TestEncodeLeadIsMarshal: encodeLead writes json.Marshal's bytes for a lead with
// every field set (filled by reflection, so a field added to model.Lead and not to
// encodeLead fails here), for each tricky string, for zero values, and for times in
// other zones and out of json's range.
func TestEncodeLeadIsMarshal(t *testing.T) {
	var leads []model.Lead
	for i, s := range tricky {
		var l model.Lead
		fill(reflect.ValueOf(&l).Elem(), s, i)
		leads = append(leads, l)
	}
	leads = append(leads, model.Lead{}, model.Lead{ID: 7, Attrs: map[string]string{}, Breakdown: []model.ScoreLine{}},
		model.Lead{Created: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		model.Lead{Updated: time.Date(2026, 1, 1, 0, 0, 0, 1, time.FixedZone("odd", -(23*3600+59*60)))},
		model.Lead{AcceptClock: model.Clock{Deadline: time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)}})
	for i := range leads {
		want, werr := json.Marshal(&leads[i])
		got, gerr := encodeLead(&leads[i])
		if string(got) != string(want) || (werr == nil) != (gerr == nil) {
			t.Errorf("lead %d:\n got %s (%v)\nwant %s (%v)", i, got, gerr, want, werr)
		}
	}
}

// fill sets every field reachable from v to a non-zero value built from s and n.
func fill(v reflect.Value, s string, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(n*37 - 5))
	case reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(n + 1))
	case reflect.Float64:
		v.SetFloat(float64(n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			zone := time.FixedZone("z", (n%5-2)*3600)
			v.Set(reflect.ValueOf(time.Date(2026, 11, 27, 8, n, 5, n*1001, zone)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), s, n+i)
			}
		}
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), s, n)
		v.Set(p)
	case reflect.Slice:
		sl := reflect.MakeSlice(v.Type(), 2, 2)
		fill(sl.Index(0), s, n)
		fill(sl.Index(1), s+"2", n+1)
		v.Set(sl)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i, k := range []string{s + "k", "b" + s, "a"} {
			val := reflect.New(v.Type().Elem()).Elem()
			fill(val, k+s, n+i)
			m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), val)
		}
		v.Set(m)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

func BenchmarkEncodeLead(b *testing.B) {
	var l model.Lead
	fill(reflect.ValueOf(&l).Elem(), "Operations Manager", 3)
	l.Activity, l.Rejection, l.Dispute = nil, nil, nil
	b.Run("encodeLead", func(b *testing.B) {
		for b.Loop() {
			_, _ = encodeLead(&l)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = json.Marshal(&l)
		}
	})
}

// TestDecodersAgree: jsonUnmarshal (goccy/go-json) reads every stored record as
// encoding/json does: a lead with every field set, for each tricky string, as a whole
// lead and as a queue row, an event that carries a lead, and a member.
func TestDecodersAgree(t *testing.T) {
	for i, s := range tricky {
		var l model.Lead
		fill(reflect.ValueOf(&l).Elem(), s, i)
		rec, err := encodeLead(&l)
		if err != nil {
			t.Fatal(err)
		}
		var ev model.Event
		fill(reflect.ValueOf(&ev).Elem(), s, i)
		evRec, _ := json.Marshal(&ev)
		var m model.Member
		fill(reflect.ValueOf(&m).Elem(), s, i)
		mRec, _ := json.Marshal(&m)
		for _, c := range []struct {
			rec  []byte
			want any
			got  any
		}{
			{rec, new(model.Lead), new(model.Lead)}, {rec, new(rowLead), new(rowLead)},
			{evRec, new(model.Event), new(model.Event)}, {mRec, new(model.Member), new(model.Member)},
		} {
			werr, gerr := json.Unmarshal(c.rec, c.want), jsonUnmarshal(c.rec, c.got)
			if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(c.want, c.got) {
				t.Errorf("string %d, %T:\n got %+v (%v)\nwant %+v (%v)", i, c.want, c.got, gerr, c.want, werr)
			}
		}
	}
}

// BenchmarkDecodeLead reads a lead's record whole and as a queue row, with the
// decoder the store uses and with encoding/json.
func BenchmarkDecodeLead(b *testing.B) {
	var l model.Lead
	fill(reflect.ValueOf(&l).Elem(), "Operations Manager", 3)
	l.Activity, l.Rejection, l.Dispute = nil, nil, nil
	rec, _ := encodeLead(&l)
	for _, c := range []struct {
		name   string
		decode func([]byte, any) error
		v      func() any
	}{
		{"lead/store", jsonUnmarshal, func() any { return new(model.Lead) }},
		{"lead/encoding-json", json.Unmarshal, func() any { return new(model.Lead) }},
		{"row/store", jsonUnmarshal, func() any { return new(rowLead) }},
		{"row/encoding-json", json.Unmarshal, func() any { return new(rowLead) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				_ = c.decode(rec, c.v())
			}
		})
	}
}
