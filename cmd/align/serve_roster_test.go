package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
)

// TestServeRosterChangeEndsOpenSessions: a member removed, or given another role,
// while their workspace is open is told so and the session ends; a removed SDR went on
// accepting leads, and a member made viewer kept the keys of their old role, until
// they quit. The others' sessions carry on, and list the roster as it is now.
func TestServeRosterChangeEndsOpenSessions(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	ctx := context.Background()
	samSess, _, samScreen := workspace(t, ts.client(t, "sam"))
	vicSess, _, vicScreen := workspace(t, ts.client(t, "vic"))
	if err := ts.store.RemoveMember(ctx, seedActor, "sam"); err != nil {
		t.Fatal(err)
	}
	samScreen.waitFor(t, "An admin removed you from this workspace", 10*time.Second)
	if code := waitExit(t, samSess, 10*time.Second); code != 1 {
		t.Errorf("the removed member's session exited %d, want 1", code)
	}

	vic, _, _ := ts.store.Member("vic")
	vic.Role = model.RoleSDR
	if err := ts.store.PutMember(ctx, seedActor, vic); err != nil {
		t.Fatal(err)
	}
	vicScreen.waitFor(t, "Your role changed from Viewer to SDR", 10*time.Second)
	if code := waitExit(t, vicSess, 10*time.Second); code != 1 {
		t.Errorf("the promoted member's session exited %d, want 1", code)
	}
	ended := ts.waitLog(t, "Session ended.")
	if ended["reason"] != "revoked" {
		t.Errorf("session log: %v", ended)
	}

	// Someone else's change leaves a session alone.
	_, stdin, adaScreen := workspace(t, ts.client(t, "ada"))
	if err := ts.store.PutMember(ctx, seedActor, model.Member{Name: "newbie", Role: model.RoleSDR}); err != nil {
		t.Fatal(err)
	}
	if _, err := stdin.Write([]byte("6")); err != nil {
		t.Fatal(err)
	}
	adaScreen.waitFor(t, "newbie", 10*time.Second) // the Team screen lists who is there now
	if strings.Contains(adaScreen.text(), "session ended") {
		t.Error("ada's session was ended by a change to another member")
	}
}

// TestServeStopHandsBackUnsentText: a note half typed when the server stops is written
// to the terminal on the way out, to copy; it was lost with the session.
func TestServeStopHandsBackUnsentText(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	sess, stdin, sc := workspace(t, ts.client(t, "sam"))
	if _, err := stdin.Write([]byte("n")); err != nil {
		t.Fatal(err)
	}
	sc.waitFor(t, "Add a note", 10*time.Second)
	if _, err := stdin.Write([]byte("Call back Monday about pricing")); err != nil {
		t.Fatal(err)
	}
	// The renderer draws the typed text in pieces between cursor moves: wait for all
	// of it, escape sequences and blanks aside.
	typed := func() string { return strings.Join(strings.Fields(ansi.Strip(sc.text())), "") }
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(typed(), "CallbackMondayaboutpricing"); {
		if time.Now().After(deadline) {
			t.Fatalf("the note never showed:\n%s", sc.text())
		}
		time.Sleep(20 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go func() { _ = ts.srv.Stop(ctx) }()
	sc.waitFor(t, "what you typed and did not send, kept here for you:", 10*time.Second)
	sc.waitFor(t, "The server is shutting down", 10*time.Second)
	if !strings.Contains(sc.text(), "  Call back Monday about pricing") {
		t.Errorf("the note was not handed back:\n%s", sc.text())
	}
	waitExit(t, sess, 10*time.Second)
}

// TestServeRosterChangeStopsRemoteCommand: an import running as a remote command stops
// when an admin removes its member; it used to go on writing with the rights its
// member no longer had. The rows sent before are not committed, the member is told
// why, and the command exits 1.
func TestServeRosterChangeStopsRemoteCommand(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	ctx := context.Background()
	_, signer, line := newKeyPair(t, "mia@test")
	if err := ts.store.PutMember(ctx, seedActor, model.Member{Name: "mia", Role: model.RoleMarketing, Keys: []string{line}}); err != nil {
		t.Fatal(err)
	}
	ts.keys["mia"] = signer
	sess, err := ts.client(t, "mia").NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var errOut bytes.Buffer
	sess.Stderr = &errOut // Wait waits for its copy to finish
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("import -"); err != nil {
		t.Fatal(err)
	}
	// A header and a row, and the file still open: the import waits for more.
	if _, err := stdin.Write([]byte("Email,First Name\nrevoked@example.com,Rita\n")); err != nil {
		t.Fatal(err)
	}
	waitSignedIn(t, ts, "mia") // removed before that, the command is refused at the door
	if err := ts.store.RemoveMember(ctx, seedActor, "mia"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case err = <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the removed member's import went on")
	}
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 {
		t.Errorf("the import ended with %v, want exit status 1", err)
	}
	if got := errOut.String(); !strings.Contains(got, "An admin removed you from this workspace") || strings.Contains(got, "run the same import again") {
		t.Errorf("stderr: %q", got)
	}
	if n, err := ts.store.Count(model.QueueAll, ""); err != nil || n != 0 {
		t.Errorf("leads in the store after the stopped import: %d (%v), want 0", n, err)
	}
}

// waitSignedIn waits until a session of the member has passed authorisation.
func waitSignedIn(t *testing.T, ts *testServer, name string) {
	t.Helper()
	for range 500 {
		ts.srv.sessions.mu.Lock()
		in := false
		for ss := range ts.srv.sessions.live {
			in = in || ss.member.Name == name
		}
		ts.srv.sessions.mu.Unlock()
		if in {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no session of %s was signed in within 5 s", name)
}
