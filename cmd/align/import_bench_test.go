package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"align/model/sample"
)

// The import benchmark runs `align import` on a generated CSV in a child process, so
// the child's peak RSS is the import's own, and runs sqlite3 on the same file with the
// same indexes side by side. ALIGN_BENCH_ROWS sets the size (default 1,000,000):
//
//	go test ./cmd/align -run '^$' -bench ImportVsSQLite -benchtime 1x -count 3
//
// It reports align's rows/s and peak RSS, sqlite3's rows/s, and align's time as a
// multiple of sqlite3's; and the CPU time (user and system) of each, which the load
// of a shared machine changes less than the wall time.

const childEnv = "ALIGN_BENCH_CHILD"

// TestImportChild is the child process of BenchmarkImportVsSQLite; it does nothing in a
// normal test run.
func TestImportChild(t *testing.T) {
	if os.Getenv(childEnv) != "import" {
		t.Skip("runs only as the import benchmark's child process")
	}
	code := run([]string{"--data", os.Getenv("ALIGN_BENCH_DIR"), "import", os.Getenv("ALIGN_BENCH_FILE")},
		os.Stdin, os.Stdout, os.Stderr)
	if code != 0 {
		t.Fatalf("import exited %d", code)
	}
}

// sqliteScript loads the CSV into a table with the indexes align keeps: unique
// lower-case email, unique external ID, stage + deadline, owner.
const sqliteScript = `
CREATE TABLE staging("Lead ID","First Name","Last Name","Email","Phone","Company","Title","Industry",
  "No. of Employees","Country","City","Lead Source","Campaign","Total Visits","Time On Site","Pages Per Visit","Last Activity");
CREATE TABLE leads(id INTEGER PRIMARY KEY, external_id TEXT, first TEXT, last TEXT, email TEXT, phone TEXT,
  company TEXT, title TEXT, industry TEXT, employees INTEGER, country TEXT, city TEXT, source TEXT, campaign TEXT,
  visits REAL, time_on_site REAL, pages REAL, last_activity TEXT, stage TEXT, deadline INTEGER, owner TEXT);
CREATE UNIQUE INDEX leads_email ON leads(lower(email));
CREATE UNIQUE INDEX leads_external ON leads(external_id);
CREATE INDEX leads_stage ON leads(stage, deadline);
CREATE INDEX leads_owner ON leads(owner);
.mode csv
.import --skip 1 %s staging
INSERT INTO leads(external_id, first, last, email, phone, company, title, industry, employees, country, city,
  source, campaign, visits, time_on_site, pages, last_activity, stage, deadline, owner)
  SELECT "Lead ID","First Name","Last Name","Email","Phone","Company","Title","Industry","No. of Employees",
  "Country","City","Lead Source","Campaign","Total Visits","Time On Site","Pages Per Visit","Last Activity",
  'inquiry', 0, NULL FROM staging;
DROP TABLE staging;
`

func BenchmarkImportVsSQLite(b *testing.B) {
	rows := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("ALIGN_BENCH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := b.TempDir()
	file := filepath.Join(dir, "leads.csv")
	writeBenchCSV(b, file, rows)
	sqlite, sqliteErr := exec.LookPath("sqlite3")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data := filepath.Join(dir, fmt.Sprintf("align-%d", i))
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$")
		cmd.Env = append(os.Environ(), childEnv+"=import", "ALIGN_BENCH_DIR="+data, "ALIGN_BENCH_FILE="+file)
		alignTime, rss, anon, alignCPU := timeChild(b, cmd)
		b.ReportMetric(float64(rows)/alignTime.Seconds(), "rows/s")
		b.ReportMetric(alignCPU.Seconds(), "cpu-s")
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
		b.ReportMetric(float64(anon)/(1<<20), "peak-anon-MB")
		if sqliteErr != nil {
			b.Logf("sqlite3 is not installed; no side-by-side figure")
			continue
		}
		db := filepath.Join(dir, fmt.Sprintf("sqlite-%d.db", i))
		sq := exec.Command(sqlite, db)
		sq.Stdin = strings.NewReader(fmt.Sprintf(sqliteScript, file))
		sqTime, _, _, sqCPU := timeChild(b, sq)
		b.ReportMetric(float64(rows)/sqTime.Seconds(), "sqlite-rows/s")
		b.ReportMetric(sqCPU.Seconds(), "sqlite-cpu-s")
		b.ReportMetric(alignTime.Seconds()/sqTime.Seconds(), "x-sqlite-time")
		os.RemoveAll(data)
		os.Remove(db)
	}
}

func writeBenchCSV(b *testing.B, path string, rows int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := sample.WriteCSV(w, rows, 1); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// timeChild runs a child process to completion and returns its wall time, its peak
// RSS (as the kernel counts it: the Go heap and every page of a mapped file that the
// process touched, Badger's value log and tables included), its peak anonymous
// RSS (the heap and other private memory alone), sampled from /proc every 50 ms, and
// its CPU time (user and system).
func timeChild(b *testing.B, cmd *exec.Cmd) (time.Duration, int64, int64, time.Duration) {
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var anon int64
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-tick.C:
			anon = max(anon, procStatusKB(cmd.Process.Pid, "RssAnon:")*1024)
		}
	}
	elapsed := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s\n%s", cmd.Path, err, out.String(), errOut.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	b.Logf("%s: %s, CPU %s, peak RSS %d MB (anonymous %d MB): %s", filepath.Base(cmd.Path), elapsed.Round(time.Millisecond),
		cpu.Round(time.Millisecond), rss>>20, anon>>20, lastLine(out.String()))
	return elapsed, rss, anon, cpu
}

// procStatusKB reads one kB field of /proc/PID/status, 0 when it cannot.
func procStatusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
