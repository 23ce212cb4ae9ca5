package model

import "testing"

// BenchmarkValidateLead checks a lead shaped like a row of the generated import file:
// ASCII fields, one accented name, and the four imported columns.
func BenchmarkValidateLead(b *testing.B) {
	l := Lead{Name: "Maximilian Müller", Email: "maximilian.muller.4@northstartransport.de", Phone: "+49 461 8622",
		Company: "Northstar Transport", Title: "CIO", Industry: "Logistics", Employees: 123, Country: "Germany",
		City: "Cologne", Source: "Paid Search", Campaign: "Supply Chain Ops Summit, Rotterdam", ExternalID: "L00000004",
		Attrs: map[string]string{"Total Visits": "2", "Time On Site": "176", "Pages Per Visit": "4.81",
			"Last Activity": "Webinar Attended"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := ValidateLead(&l); err != nil {
			b.Fatal(err)
		}
	}
}
