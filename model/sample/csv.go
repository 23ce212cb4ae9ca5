package sample

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row WriteCSV writes: the columns of a typical CRM export.
var CSVHeader = []string{"Lead ID", "First Name", "Last Name", "Email", "Phone", "Company", "Title", "Industry",
	"No. of Employees", "Country", "City", "Lead Source", "Campaign", "Total Visits", "Time On Site",
	"Pages Per Visit", "Last Activity"}

// csvStream separates WriteCSV's random stream from Generate's for the same seed.
const csvStream = 0x637376 // "csv"

// csvCompanies is the size of WriteCSV's company pool.
const csvCompanies = 3000

// WriteCSV writes a CRM-style export of n made-up leads to w: the header row, then n
// rows with unique emails and unique lead IDs (L00000001, L00000002, ...). The same
// seed always gives the same file. It is built for the million-row import benchmark:
// every cell is prepared once and rows are appended as bytes, so a million rows take
// seconds. Lead IDs are row numbers, so files written with different seeds describe
// the same leads and a second import updates them.
func WriteCSV(w io.Writer, n int, seed uint64) error {
	if n < 0 {
		return fmt.Errorf("cannot write %d rows; ask for 0 rows or more", n)
	}
	d := newDice(seed, csvStream)
	t := newCSVTables(d)
	bw := bufio.NewWriterSize(w, 256<<10)
	if _, err := bw.WriteString(strings.Join(CSVHeader, ",") + "\r\n"); err != nil {
		return fmt.Errorf("write the CSV header: %w", err)
	}
	for i := 1; i <= n; i++ {
		b := t.row(bw.AvailableBuffer(), d, i)
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("write CSV row %d: %w", i, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write the CSV file: %w", err)
	}
	return nil
}

// csvCompany is a company with its cells ready to append.
type csvCompany struct {
	name, domain, industry, employees, country, city, phone []byte
	culture                                                 int
}

// csvName is one culture's names, as cells and as email parts.
type csvName struct {
	first, last         [][]byte
	firstSlug, lastSlug [][]byte
}

// csvTables holds every cell WriteCSV can write, quoted where CSV needs it.
type csvTables struct {
	companies []csvCompany
	names     []csvName
	titles    [][]byte
	sources   [][]byte
	campaigns [][]byte
	last      [][]byte
}

// Cells of the CSV's categorical columns, in a CRM's spelling.
var (
	csvSources   = []string{"Webinar", "Organic Search", "Paid Search", "Referral", "Event", "Content Download", "Outbound"}
	csvLastActs  = []string{"Email Opened", "Page Visited on Website", "Webinar Attended", "Demo Requested", "Pricing Page Viewed", "Content Downloaded", "Form Submitted", "Email Link Clicked"}
	csvCampaigns = []string{"", "", "", "Warehouse KPIs that matter (webinar)", "The CFO's guide to operations ROI", "Q4 paid search: operations reporting", "Supply Chain Ops Summit, Rotterdam", "Security and integration briefing for IT", "Customer referral programme"}
)

func newCSVTables(d *dice) *csvTables {
	t := &csvTables{
		sources:   cells(csvSources),
		campaigns: cells(csvCampaigns),
		last:      cells(csvLastActs),
	}
	for _, id := range personaOrder {
		t.titles = append(t.titles, cells(personaTitles[id])...)
	}
	t.titles = append(t.titles, cells(otherTitles)...)
	for _, cu := range cultures {
		n := csvName{first: cells(cu.first), last: cells(cu.last)}
		for _, f := range cu.first {
			n.firstSlug = append(n.firstSlug, []byte(slug(f, "")))
		}
		for _, l := range cu.last {
			n.lastSlug = append(n.lastSlug, []byte(slug(l, "")))
		}
		t.names = append(t.names, n)
	}
	for _, c := range companyPool(d, csvCompanies) {
		t.companies = append(t.companies, csvCompany{
			name: cell(c.name), domain: []byte(c.domain), industry: cell(c.industry),
			employees: []byte(strconv.Itoa(c.employees)), country: cell(c.place.country),
			city: cell(c.city), phone: []byte(c.place.phone), culture: c.culture,
		})
	}
	return t
}

// row appends one data row for row number i.
func (t *csvTables) row(b []byte, d *dice, i int) []byte {
	c := &t.companies[d.intn(len(t.companies))]
	// Most people carry a name from the company's country; a quarter come from anywhere.
	nm := &t.names[c.culture]
	if d.intn(4) == 0 {
		nm = &t.names[d.weighted(cultureWeights)]
	}
	fi, li := d.intn(len(nm.first)), d.intn(len(nm.last))

	b = append(b, 'L')
	b = appendPadded(b, i, 8)
	b = append(b, ',')
	b = append(b, nm.first[fi]...)
	b = append(b, ',')
	b = append(b, nm.last[li]...)
	b = append(b, ',')
	// first.last.N@domain: the row number keeps every address unique.
	b = append(b, nm.firstSlug[fi]...)
	b = append(b, '.')
	b = append(b, nm.lastSlug[li]...)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, '@')
	b = append(b, c.domain...)
	b = append(b, ',')
	if d.intn(10) > 0 {
		b = append(b, c.phone...)
		b = append(b, ' ')
		b = appendPadded(b, d.intn(1000), 3)
		b = append(b, ' ')
		b = appendPadded(b, d.intn(10000), 4)
	}
	b = append(b, ',')
	b = append(b, c.name...)
	b = append(b, ',')
	b = append(b, t.titles[d.intn(len(t.titles))]...)
	b = append(b, ',')
	b = append(b, c.industry...)
	b = append(b, ',')
	b = append(b, c.employees...)
	b = append(b, ',')
	b = append(b, c.country...)
	b = append(b, ',')
	b = append(b, c.city...)
	b = append(b, ',')
	b = append(b, t.sources[d.weighted(sourceWeights)]...)
	b = append(b, ',')
	b = append(b, t.campaigns[d.intn(len(t.campaigns))]...)
	b = append(b, ',')
	// Visits skew low, as real traffic does: most leads visit a few times.
	visits := d.intn(6) * d.intn(8) / 2
	b = strconv.AppendInt(b, int64(visits), 10)
	b = append(b, ',')
	seconds := 0
	if visits > 0 {
		seconds = visits*30 + d.intn(visits*240)
	}
	b = strconv.AppendInt(b, int64(seconds), 10)
	b = append(b, ',')
	if visits > 0 {
		hundredths := 100 + d.intn(500) // 1.00 to 5.99 pages per visit
		b = strconv.AppendInt(b, int64(hundredths/100), 10)
		b = append(b, '.')
		b = appendPadded(b, hundredths%100, 2)
	} else {
		b = append(b, '0')
	}
	b = append(b, ',')
	b = append(b, t.last[d.intn(len(t.last))]...)
	return append(b, '\r', '\n')
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// cell is s as one CSV field: quoted, with quotes doubled, when it holds a comma,
// a quote or a line break.
func cell(s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return []byte(s)
	}
	return []byte(`"` + strings.ReplaceAll(s, `"`, `""`) + `"`)
}

func cells(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = cell(s)
	}
	return out
}
