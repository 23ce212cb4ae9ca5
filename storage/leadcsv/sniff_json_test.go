package leadcsv

import (
	"errors"
	"strings"
	"testing"
)

// TestJSONRefused: `align export --format json` imported back failed with "the
// header row cannot be read (parse error on line 1, column 3: bare \" in
// non-quoted-field)"; a JSON file is named as such, before anything is written.
func TestJSONRefused(t *testing.T) {
	for _, in := range []string{`[{"id":1,"name":"Ann"}]`, "\xEF\xBB\xBF\n  [\n  {\"id\": 1}\n]", `{"name":"Ann"}`} {
		_, err := CheckText(strings.NewReader(in))
		var nc *NotCSVError
		if !errors.As(err, &nc) || !strings.Contains(err.Error(), "JSON") {
			t.Errorf("%q: %v; want a NotCSVError naming JSON", in, err)
		}
	}
	for _, in := range []string{"name,email\n[Ann],a@x.com\n", "[name],email\nAnn,a@x.com\n"} {
		if _, err := CheckText(strings.NewReader(in)); err != nil {
			t.Errorf("%q is CSV but was refused: %v", in, err)
		}
	}
}
