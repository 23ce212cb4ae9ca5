package leadcsv

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"align/model"
)

// The lead fields a column can feed, by the names Options.Map and --map use.
const (
	fieldName       = "name"
	fieldFirstName  = "first_name"
	fieldLastName   = "last_name"
	fieldEmail      = "email"
	fieldPhone      = "phone"
	fieldCompany    = "company"
	fieldTitle      = "title"
	fieldIndustry   = "industry"
	fieldCountry    = "country"
	fieldCity       = "city"
	fieldEmployees  = "employees"
	fieldSource     = "source"
	fieldCampaign   = "campaign"
	fieldExternalID = "external_id"
	fieldCreated    = "created"
	// fieldDrop, as a --map target, leaves a column out of the import.
	fieldDrop = "-"
	// fieldAttr, as a --map target, keeps a column in the lead's attributes
	// even when its header is a synonym of a field.
	fieldAttr = "attr"
)

// Columns only an align export has; they are read back only from one.
const (
	fieldID         = "id"
	fieldPersona    = "persona"
	fieldJourney    = "journey"
	fieldStage      = "stage"
	fieldOwner      = "owner"
	fieldScore      = "score"
	fieldFit        = "fit"
	fieldEngagement = "engagement"
	fieldUpdated    = "updated"
	fieldAttrs      = "attrs"
)

// MapTargets lists the fields a column may be mapped to with Options.Map
// (--map 'Header=field'), for help text and error messages. "-" drops the
// column and "attr" keeps it as an attribute under its header.
func MapTargets() []string {
	return []string{fieldName, fieldFirstName, fieldLastName, fieldEmail, fieldPhone, fieldCompany,
		fieldTitle, fieldIndustry, fieldCountry, fieldCity, fieldEmployees, fieldSource, fieldCampaign,
		fieldExternalID, fieldCreated, fieldAttr, fieldDrop}
}

// synonyms maps a normalised header (see normHeader) to its field. Owners are
// not imported from foreign files: in align, ownership comes from triage.
var synonyms = map[string]string{
	"name": fieldName, "fullname": fieldName, "contactname": fieldName, "leadname": fieldName,
	"firstname": fieldFirstName, "givenname": fieldFirstName,
	"lastname": fieldLastName, "surname": fieldLastName, "familyname": fieldLastName,
	"email": fieldEmail, "emailaddress": fieldEmail,
	"phone": fieldPhone, "phonenumber": fieldPhone, "telephone": fieldPhone, "mobile": fieldPhone, "mobilephone": fieldPhone,
	"company": fieldCompany, "companyname": fieldCompany, "accountname": fieldCompany,
	"organization": fieldCompany, "organisation": fieldCompany,
	"title": fieldTitle, "jobtitle": fieldTitle, "position": fieldTitle,
	"industry":  fieldIndustry,
	"country":   fieldCountry,
	"city":      fieldCity,
	"employees": fieldEmployees, "noofemployees": fieldEmployees, "numberofemployees": fieldEmployees,
	"companysize": fieldEmployees, "employeecount": fieldEmployees,
	"source": fieldSource, "leadsource": fieldSource, "origin": fieldSource,
	"campaign": fieldCampaign, "utmcampaign": fieldCampaign,
	"externalid": fieldExternalID, "prospectid": fieldExternalID, "leadid": fieldExternalID,
	"id": fieldExternalID, "mqlid": fieldExternalID,
	"created": fieldCreated, "createddate": fieldCreated, "createdat": fieldCreated, "firstcontactdate": fieldCreated,
}

// exportColumns is the header of an align CSV export, in order.
var exportColumns = []string{fieldID, fieldExternalID, fieldName, fieldEmail, fieldPhone, fieldCompany,
	fieldTitle, fieldIndustry, fieldCountry, fieldCity, fieldEmployees, fieldSource, fieldCampaign,
	fieldPersona, fieldJourney, fieldStage, fieldOwner, fieldScore, fieldFit, fieldEngagement,
	fieldCreated, fieldUpdated, fieldAttrs}

// modelFieldNames maps a field to the name model.TextError uses for it, so a
// validation error can be traced back to its column.
var modelFieldNames = map[string]string{
	fieldExternalID: "external ID", fieldJourney: "journey stage",
}

// normHeader folds a header for matching: lower case, letters and digits only,
// so "E-mail", "E-Mail " and "email" are one header.
func normHeader(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// UsageError is a mistake in how the import was asked for (a --map naming an
// unknown field or a column the file lacks), as opposed to a problem with
// the file's rows. Commands exit with status 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ParseMap reads --map arguments of the form 'Header=field' into the map
// Options.Map takes, refusing an unknown field before anything is read.
func ParseMap(specs []string) (map[string]string, error) {
	m := make(map[string]string, len(specs))
	for _, s := range specs {
		h, f, ok := strings.Cut(s, "=")
		h, f = strings.TrimSpace(h), strings.TrimSpace(f)
		if !ok || h == "" || f == "" {
			return nil, &UsageError{fmt.Sprintf("--map %q is not of the form 'Header=field' (for example --map 'E-mail Address=email')", s)}
		}
		m[h] = f
	}
	return m, checkMap(m)
}

// checkMap refuses a map whose target is not a field.
func checkMap(m map[string]string) error {
	for h, f := range m {
		if !slices.Contains(MapTargets(), f) {
			return &UsageError{fmt.Sprintf("--map '%s=%s' names no lead field; use one of %s",
				h, f, strings.Join(MapTargets(), ", "))}
		}
	}
	return nil
}

// column says what one column of the file feeds.
type column struct {
	header string // as written, trimmed
	field  string // a field constant, fieldDrop, or "" for an attribute
	attr   string // the attribute key when field is ""
}

// plan is how the rows of one file become leads.
type plan struct {
	cols  []column
	width int
	// trailingBlank: the header ends with an unnamed column (a trailing
	// comma), so rows that leave it out entirely are accepted too.
	trailingBlank bool
	// export: the file is an align export, whose cells carry a formula guard.
	export bool
	// labels maps a model.TextError field name to the column it came from.
	labels map[string]string
}

// newPlan matches the header to fields, applying the user's map.
func newPlan(header []string, userMap map[string]string) (*plan, error) {
	p := &plan{width: len(header), labels: map[string]string{}}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
	}
	p.export = isExportHeader(names)
	p.trailingBlank = len(names) > 1 && names[len(names)-1] == ""

	used := map[string]bool{}
	claimed := map[string]int{} // field -> column index
	attrSeen := map[string]int{}
	for i, name := range names {
		c := column{header: name}
		if f, key, ok := lookupMap(userMap, name); ok {
			used[key] = true
			c.field = f
		} else if p.export && slices.Contains(exportColumns, name) {
			c.field = name
		} else if !p.export {
			c.field = synonyms[normHeader(name)]
		}
		if c.field == fieldAttr {
			c.field = ""
		}
		if c.field == "" {
			if err := checkHeaderText(i, name); err != nil {
				return nil, err
			}
			c.attr = name
			if c.attr == "" {
				c.attr = fmt.Sprintf("column %d", i+1)
			}
			attrSeen[c.attr]++
			if n := attrSeen[c.attr]; n > 1 {
				// A repeated header keeps both columns, the second as "Header (2)".
				c.attr = fmt.Sprintf("%s (%d)", c.attr, n)
			}
		} else if c.field != fieldDrop {
			if j, dup := claimed[c.field]; dup {
				if strings.EqualFold(names[j], name) {
					// --map goes by header, so it would drop or move both columns.
					return nil, &UsageError{fmt.Sprintf("columns %d and %d are both called %q, and --map cannot tell them apart; "+
						"rename one of them in the file's header row (to %q, say) and import again", j+1, i+1, name, name+" 2")}
				}
				return nil, &UsageError{fmt.Sprintf("columns %d (%q) and %d (%q) both hold the lead's %s; "+
					"keep one with --map '%s=-' or map it elsewhere with --map '%s=attr'",
					j+1, names[j], i+1, name, c.field, name, name)}
			}
			claimed[c.field] = i
		}
		p.cols = append(p.cols, c)
	}
	for h := range userMap {
		if !used[h] {
			return nil, &UsageError{fmt.Sprintf("--map names the column %q, but the file has no such column; its columns are %s",
				h, quoteList(names))}
		}
	}
	p.resolveNames(claimed)
	for _, c := range p.cols {
		if c.field != "" && c.field != fieldDrop {
			label := c.field
			if n, ok := modelFieldNames[c.field]; ok {
				label = n
			}
			p.labels[label] = c.header
		}
	}
	_, first := claimed[fieldFirstName]
	_, last := claimed[fieldLastName]
	if first || last {
		p.labels[fieldName] = joinLabels(names, claimed)
	}
	if !p.hasIdentity() {
		return nil, &UsageError{fmt.Sprintf("no column of the header holds a name, email, company or ID (the columns are %s); "+
			"check that the first line is the header, or say which column is which with --map 'Header=name'", quoteList(names))}
	}
	return p, nil
}

// resolveNames demotes first and last names to attributes when a full name
// column exists, since the full name wins.
func (p *plan) resolveNames(claimed map[string]int) {
	if _, ok := claimed[fieldName]; !ok {
		return
	}
	for _, f := range []string{fieldFirstName, fieldLastName} {
		if i, ok := claimed[f]; ok {
			p.cols[i].field, p.cols[i].attr = "", p.cols[i].header
			delete(claimed, f)
		}
	}
}

// hasIdentity reports whether some column can tell one lead from another.
func (p *plan) hasIdentity() bool {
	for _, c := range p.cols {
		switch c.field {
		case fieldName, fieldFirstName, fieldLastName, fieldEmail, fieldCompany, fieldExternalID:
			return true
		}
	}
	return false
}

// lookupMap finds a header in the user's map, exactly or by its normalised form.
func lookupMap(m map[string]string, name string) (field, key string, ok bool) {
	if f, ok := m[name]; ok {
		return f, name, true
	}
	n := normHeader(name)
	for k, f := range m {
		if n != "" && normHeader(k) == n {
			return f, k, true
		}
	}
	return "", "", false
}

// isExportHeader reports whether a header is that of an align export.
func isExportHeader(names []string) bool {
	for _, c := range exportColumns {
		if !slices.Contains(names, c) {
			return false
		}
	}
	return true
}

// checkHeaderText refuses a header that cannot be an attribute key, before
// any row is read, rather than rejecting every row for it.
func checkHeaderText(i int, name string) error {
	if err := model.ValidateLine("the header", name, 200); err != nil {
		return fmt.Errorf("column %d of the header row cannot be a column name: %w; fix the header row and import again", i+1, err)
	}
	return nil
}

func joinLabels(names []string, claimed map[string]int) string {
	var parts []string
	for _, f := range []string{fieldFirstName, fieldLastName} {
		if i, ok := claimed[f]; ok {
			parts = append(parts, names[i])
		}
	}
	return strings.Join(parts, `" and "`)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", model.Sanitize(n))
	}
	return strings.Join(q, ", ")
}
