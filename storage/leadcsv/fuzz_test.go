package leadcsv

import (
	"context"
	"strings"
	"testing"
)

// FuzzImport feeds random bytes to Import as a CSV file: it must never panic,
// and every data row it reads must be counted exactly once.
func FuzzImport(f *testing.F) {
	for _, s := range []string{
		"Name,Email\nAna,ana@example.com\n",
		"\xEF\xBB\xBFName;Email\r\nAna;ana@example.com\r\n",
		"Name,Email\rAna,ana@example.com\r",
		"Name,Email\n\"Ana\nMaria\",a@x.io\n\"open,b@x.io\n",
		"Prospect ID,City,\np1,Select,\np1,Goa\n",
		"Name,Email\nAn\"a,x\n\"a\"b,c\n,,\n",
		"PK\x03\x04",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		store := newFakeStore()
		var errs strings.Builder
		sum, err := Import(context.Background(), store, strings.NewReader(string(data)), Options{Errs: &errs, BatchSize: 3})
		if got := sum.Imported + sum.Updated + sum.Rejected; got != sum.Rows {
			t.Fatalf("%d imported + %d updated + %d rejected != %d rows (err %v)", sum.Imported, sum.Updated, sum.Rejected, sum.Rows, err)
		}
		if n := strings.Count(errs.String(), "\n"); n != sum.Rejected {
			t.Fatalf("%d lines on stderr for %d rejected rows:\n%s", n, sum.Rejected, errs.String())
		}
		if len(store.leads) != sum.Imported {
			t.Fatalf("%d leads stored, %d counted as imported", len(store.leads), sum.Imported)
		}
	})
}
