package sample

import (
	"strconv"
	"strings"
	"unicode"

	"align/model"
)

// company is one generated organisation that leads work for.
type company struct {
	name      string
	domain    string
	industry  string
	employees int
	culture   int // index into cultures
	place     place
	city      string
}

// companyPool generates n companies with distinct names and domains.
func companyPool(d *dice, n int) []company {
	cw := make([]int, len(industries))
	for i, in := range industries {
		cw[i] = in.weight
	}
	sw := make([]int, len(sizeBands))
	for i, b := range sizeBands {
		sw[i] = b.weight
	}
	seen := make(map[string]bool, n)
	out := make([]company, 0, n)
	for len(out) < n {
		in := industries[d.weighted(cw)]
		name := pick(d, companyStems) + " " + pick(d, in.suffixes)
		if seen[name] {
			// Names run out before large pools fill; a second stem keeps them distinct.
			name = pick(d, companyStems) + " " + name
			if seen[name] {
				continue
			}
		}
		seen[name] = true
		ci := d.weighted(cultureWeights)
		pl := pick(d, cultures[ci].places)
		band := sizeBands[d.weighted(sw)]
		c := company{
			name: name, industry: in.name, employees: d.between(band.lo, band.hi),
			culture: ci, place: pl, city: pick(d, pl.cities),
		}
		c.domain = slug(name, "") + "." + pl.tld
		if lf, ok := legalForms[pl.country]; ok && d.chance(0.3) {
			c.name += " " + lf
		}
		out = append(out, c)
	}
	return out
}

// person is a generated contact: a name from one culture and where they work.
type person struct {
	first, last string
	title       string
	persona     string // the persona their title was drawn for, "" for none
}

// newPerson draws a contact for a company: usually from the company's own culture.
func newPerson(d *dice, c *company, personaShare float64) person {
	ci := c.culture
	if d.chance(0.25) {
		ci = d.weighted(cultureWeights)
	}
	cu := &cultures[ci]
	p := person{first: pick(d, cu.first), last: pick(d, cu.last)}
	if d.chance(personaShare) {
		p.persona = personaOrder[d.weighted(personaWeights)]
		p.title = pick(d, personaTitles[p.persona])
	} else {
		p.title = pick(d, otherTitles)
	}
	return p
}

// phone is a plausible number in the country's format: prefix, then digit groups.
func phone(d *dice, pl place) string {
	b := make([]byte, 0, 20)
	b = append(b, pl.phone...)
	for _, n := range [...]int{3, 3, 4} {
		b = append(b, ' ')
		for range n {
			b = append(b, byte('0'+d.intn(10)))
		}
	}
	return string(b)
}

// asciiFold maps the accented letters the name lists use to plain ASCII, for emails.
var asciiFold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "É", "E",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ñ", "n", "ç", "c", "ß", "ss", "ś", "s", "ş", "s", "Ş", "S", "ń", "n", "ł", "l", "ż", "z", "ź", "z", "ę", "e", "ą", "a", "ć", "c",
)

// slug is a name as an email local part or domain label: ASCII letters and digits,
// lower case, words joined by sep.
func slug(s, sep string) string {
	s = asciiFold.Replace(s)
	var b strings.Builder
	pendingSep := false
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if pendingSep && b.Len() > 0 {
				b.WriteString(sep)
			}
			pendingSep = false
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-':
			pendingSep = true
		}
	}
	return b.String()
}

// personalDomains are the free mail providers some leads sign up with.
var personalDomains = []string{"gmail.com", "outlook.com", "yahoo.com", "icloud.com"}

// emailFor is the person's work address, or now and then a personal one; taken
// records addresses in use so every lead's email is unique.
func emailFor(d *dice, p person, c *company, taken map[string]bool) string {
	domain := c.domain
	local := slug(p.first, "") + "." + slug(p.last, "")
	if d.chance(0.04) {
		domain = pick(d, personalDomains)
		local = slug(p.first, "") + slug(p.last, "") + strconv.Itoa(d.between(1, 99))
	} else if d.chance(0.3) {
		local = slug(p.first, "")[:1] + slug(p.last, "")
	}
	email := local + "@" + domain
	for n := 2; taken[email]; n++ {
		email = local + strconv.Itoa(n) + "@" + domain
	}
	taken[email] = true
	return email
}

// identity fills in who a lead is: name, contact details, company and title.
func identity(d *dice, l *model.Lead, c *company, p person, taken map[string]bool) {
	l.Name = p.first + " " + p.last
	l.Email = emailFor(d, p, c, taken)
	if d.chance(0.85) {
		l.Phone = phone(d, c.place)
	}
	l.Company, l.Title, l.Industry = c.name, p.title, c.industry
	l.Country, l.City, l.Employees = c.place.country, c.city, c.employees
	if d.chance(0.06) {
		l.Employees = 0 // not asked on the form
	}
}
