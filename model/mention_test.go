package model

import "testing"

func TestMentions(t *testing.T) {
	for text, want := range map[string]bool{
		"@sam can you call them?": true, "thanks (@Sam)": true, "ask @sam.": true, "cc @sam, @lee": true,
		"@samantha knows": false, "@sam.lee knows": false, "mail sam@example.com": false, "sam": false, "": false,
		"@sa": false, "me@sam": false,
	} {
		if got := Mentions(text, "sam"); got != want {
			t.Errorf("Mentions(%q, sam) = %v, want %v", text, got, want)
		}
	}
}
