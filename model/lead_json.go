package model

// LeadJSON is a lead as the command line prints it in JSON (`lead list`, `lead show`,
// `export`): Lead's fields, with email, company and owner present even when empty,
// since scripts rely on every element having id, name, company, email, stage, owner
// and score (product.md).
type LeadJSON struct {
	*Lead
	Email   string `json:"email"`
	Company string `json:"company"`
	Owner   string `json:"owner"`
}

// JSON is the lead in the shape the command line prints.
func (l *Lead) JSON() LeadJSON {
	return LeadJSON{Lead: l, Email: l.Email, Company: l.Company, Owner: l.Owner}
}
