package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

func openDir(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	defer s.Close()
	_, err := Open(Options{Dir: dir})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	// A local align holds it, not a server on the default port: the sentence must not
	// send the user to `ssh -p 23234 localhost` (serve's own port is named by
	// cmd/align's explainLocked, from serve.addr).
	want := fmt.Sprintf("align's data in %s is in use by another align process; close the align open on it in another terminal and try again, or, if `align serve` holds it, connect to that server with ssh instead.", dir)
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err, want)
	}
}

func TestOpenReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, whom directory permissions do not stop; TestOpenErrorSentences covers the message")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err := Open(Options{Dir: dir})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "--data") {
		t.Fatalf("read-only dir: %v", err)
	}
}

// TestOpenErrorSentences checks the mapping of what Badger says to sentences.
func TestOpenErrorSentences(t *testing.T) {
	tests := []struct {
		badger string
		kind   error
		want   string
	}{
		{`Cannot acquire directory lock on "/d".  Another process is using this Badger database. err: resource temporarily unavailable`, ErrLocked, "in use by another align process"},
		{`Cannot write pid file "/d/LOCK" err: open /d/LOCK: permission denied`, ErrReadOnly, "make it writable"},
		{`open /d/000001.vlog: read-only file system`, ErrReadOnly, "read-only file system"},
		{`manifest has bad magic`, ErrCorrupt, "restore from a backup with `align restore FILE` into an empty directory"},
		{`Cannot write pid file "/d/LOCK" err: open /d/LOCK: not a directory`, ErrNotDir, "/d is a file, not a directory"},
	}
	for _, tt := range tests {
		err := openError("/d", errors.New(tt.badger))
		if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q became %q", tt.badger, err)
		}
		if strings.Count(err.Error(), ". ") > 1 || !strings.HasSuffix(err.Error(), ".") {
			t.Errorf("%q is not one sentence", err)
		}
	}
}

func TestOpenCorruptManifest(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	seedTeam(t, s)
	s.Close()
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST"), []byte("this is not a manifest at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Options{Dir: dir})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "align restore FILE") {
		t.Fatalf("corrupt manifest: %v", err)
	}
}

func TestDiskFullStopsWrites(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, MinFreeBytes: 1 << 62})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.PutMember(context.Background(), admin, admin)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "Free some space, then try again.") {
		t.Fatalf("write on a full disk: %v", err)
	}
	if ms, _ := s.Members(); len(ms) != 0 {
		t.Errorf("the write went through: %v", ms)
	}
	// Reads still work.
	if _, err := s.Count(model.QueueAll, ""); err != nil {
		t.Error(err)
	}
}

func TestDiskGuardRechecksAfterInterval(t *testing.T) {
	g := newDiskGuard("/d", 100)
	calls, free := 0, int64(50)
	g.free = func(string) (int64, error) { calls++; return free, nil }
	if err := g.check(); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("50 bytes free: %v", err)
	}
	free = 1000
	if err := g.check(); !errors.Is(err, ErrDiskFull) || calls != 1 {
		t.Fatalf("a second check within the interval read the disk again (%d reads): %v", calls, err)
	}
	g.checked = g.checked.Add(-diskCheckEvery)
	if err := g.check(); err != nil || calls != 2 {
		t.Fatalf("after the interval: %v (%d reads)", err, calls)
	}
}

func TestBackupRestore(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true), row(3, "b@x.com", false))
	if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActAccept, Lead: 1}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "restored")
	if err := Restore(dir, bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	r := openDir(t, dir)
	defer r.Close()
	for _, id := range []model.LeadID{1, 2} {
		a, _ := s.Lead(id)
		b, err := r.Lead(id)
		if err != nil || a.Version != b.Version || a.Stage != b.Stage || a.Owner != b.Owner {
			t.Errorf("lead %s: %+v, restored %+v (%v)", id, a, b, err)
		}
	}
	if n, _ := r.Count(model.QueueMine, sdr.Name); n != 1 {
		t.Errorf("restored mine count %d", n)
	}
	if m, ok, _ := r.Member(admin.Name); !ok || m.Role != model.RoleAdmin {
		t.Errorf("restored member %+v", m)
	}
	checkInvariant(t, r)

	err := Restore(dir, bytes.NewReader(buf.Bytes()))
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("restore into a non-empty dir: %v", err)
	}
}

// TestConflictRetry makes a transaction conflict for real: another commit changes
// what it read between its read and its commit. update retries and the second
// attempt sees the new value.
func TestConflictRetry(t *testing.T) {
	s, _ := newStore(t)
	key := []byte("n/test")
	attempts := 0
	err := s.update(context.Background(), func(t2 *tx) error {
		attempts++
		n, err := getUint(t2.txn, key)
		if err != nil {
			return err
		}
		if attempts == 1 {
			// A writer outside the lock, as another process would be.
			if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(key, be8(10)) }); err != nil {
				return err
			}
		}
		return t2.set(key, be8(n+1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if attempts != 2 {
		t.Errorf("%d attempts, want 2", attempts)
	}
	if n, _ := s.counter("test"); n != 11 {
		t.Errorf("counter %d, want 11", n)
	}
}

// TestConcurrentAccept: 50 members accept one lead at once; exactly one gets it and
// the other 49 are told who took it.
func TestConcurrentAccept(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true))
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			who := model.Member{Name: fmt.Sprintf("rep%02d", i), Role: model.RoleSDR}
			_, _, errs[i] = s.Do(context.Background(), who, model.Command{Action: model.ActAccept, Lead: 1})
		}()
	}
	close(start)
	wg.Wait()
	l, _ := s.Lead(1)
	wins := 0
	for i, err := range errs {
		if err == nil {
			wins++
			if l.Owner != fmt.Sprintf("rep%02d", i) {
				t.Errorf("rep%02d won but the owner is %s", i, l.Owner)
			}
			continue
		}
		if !strings.Contains(err.Error(), "already accepted by "+l.Owner) {
			t.Errorf("loser's error does not name the winner: %v", err)
		}
	}
	if wins != 1 || l.Version != 2 {
		t.Fatalf("%d winners, version %d", wins, l.Version)
	}
	checkInvariant(t, s)
}

func TestFeed(t *testing.T) {
	s, _ := newStore(t)
	sub := s.Subscribe()
	defer sub.Close()
	importRows(t, s, t0, row(2, "a@x.com", true))
	if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActAccept, Lead: 1}); err != nil {
		t.Fatal(err)
	}
	first, second := <-sub.C, <-sub.C
	if first.Event.Kind != model.EventLeadImported || len(first.Leads) != 1 || first.Event.Leads[0] != 1 {
		t.Errorf("import item %+v", first)
	}
	if second.Event.Action != model.ActAccept || second.Leads[0].Owner != sdr.Name || second.Reload {
		t.Errorf("accept item %+v", second)
	}
}

// TestFeedSlowSubscriber: a subscriber that never reads does not block writers; once
// it reads again it gets one Reload and then live items.
func TestFeedSlowSubscriber(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true))
	slow := s.Subscribe()
	defer slow.Close()
	for i := range feedBuffer + 20 {
		if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActNote, Lead: 1, Note: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	for range feedBuffer {
		if it := <-slow.C; it.Reload {
			t.Fatal("a reload before the buffered items")
		}
	}
	if it := <-slow.C; !it.Reload {
		t.Fatalf("after the buffer: %+v, want a reload", it)
	}
	if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActNote, Lead: 1, Note: "live"}); err != nil {
		t.Fatal(err)
	}
	if it := <-slow.C; it.Reload || it.Event.Note != "live" {
		t.Fatalf("after the reload: %+v", it)
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	s, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	sub := s.Subscribe()
	s.Close()
	if _, ok := <-sub.C; ok {
		t.Error("the subscription stayed open after Close")
	}
	sub.Close()
}

func TestEmptyAndSeed(t *testing.T) {
	s, err := Open(Options{InMemory: true, Now: (&clock{now: t0}).Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if e, _ := s.Empty(); !e {
		t.Fatal("a new store is not empty")
	}
	l1 := model.Lead{ID: 1, Name: "One", Email: "one@x.com", Stage: model.StageMQL, Created: t0,
		AcceptClock: model.StartClock(t0, 24*60*60e9)}
	l2 := model.Lead{ID: 2, Name: "Two", Stage: model.StageInquiry, Created: t0}
	ws := model.Workspace{
		Members: []model.Member{admin, mkt},
		Leads:   []model.Lead{l1, l2},
		Events: []model.Event{
			{At: t0, Actor: "maya", Kind: model.EventLeadCreated, Lead: 1},
			{At: t0.Add(1), Actor: "maya", Kind: model.EventLeadChanged, Action: model.ActMarkMQL, Lead: 1},
		},
	}
	if err := s.Seed(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Empty(); e {
		t.Fatal("a seeded store is empty")
	}
	if l, _ := s.Lead(1); l.Version != 2 {
		t.Errorf("lead 1 version %d, want 2", l.Version)
	}
	if l, _ := s.Lead(2); l.Version != 1 {
		t.Errorf("lead 2 version %d, want 1 (a creation event)", l.Version)
	}
	if n, _ := s.Count(model.QueueMQL, ""); n != 1 {
		t.Errorf("inbox count %d", n)
	}
	checkInvariant(t, s)
	if err := s.Seed(context.Background(), ws); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second seed: %v", err)
	}
	// New leads continue after the seeded IDs.
	importRows(t, s, t0, row(2, "new@x.com", false))
	if l, err := s.LeadByEmail("new@x.com"); err != nil || l.ID != 3 {
		t.Errorf("new lead %v, %v", l.ID, err)
	}
}
