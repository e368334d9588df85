package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/procbench"
)

// BenchmarkStartup measures the start-up of taqrir's read commands as
// whole processes of the built binary (not this test binary, which links
// more): `--version`, `search` and `show`, one run of each per iteration,
// on the data directory $TAQRIR_STARTUP_DATA (the target is a 10k
// directory: `taqrir --data DIR ingest` 10,000 lines of
// ../shared/data/ant-news/ant-multisource-2018.jsonl.gz) or else a fresh
// `taqrir demo` directory. It reports per command the median and 90th
// percentile of wall and CPU (user + system) milliseconds; on a shared
// machine compare the CPU figures.
//
//	TAQRIR_STARTUP_DATA=/tmp/st10k go test -run '^$' -bench Startup -benchtime 20x ./cmd/taqrir
func BenchmarkStartup(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("no go command to build the binary")
	}
	bin := filepath.Join(b.TempDir(), "taqrir")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	data := os.Getenv("TAQRIR_STARTUP_DATA")
	if data == "" {
		data = b.TempDir()
		if out, err := exec.Command(bin, "--data", data, "demo").CombinedOutput(); err != nil {
			b.Fatalf("taqrir demo: %v\n%s", err, out)
		}
	}
	const query = "الحكومة"
	out, err := exec.Command(bin, "--data", data, "--json", "search", "--limit", "1", query).Output()
	var res struct {
		Hits []struct{ ID string } `json:"hits"`
	}
	if err != nil || json.Unmarshal(out, &res) != nil || len(res.Hits) == 0 {
		b.Fatalf("search %s in %s: %v, %s", query, data, err, out)
	}
	b.ResetTimer()
	results, err := procbench.Run(context.Background(), procbench.ReadCommands(bin, data, query, res.Hits[0].ID), b.N)
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	ms := func(r procbench.Stats) (float64, float64) {
		return float64(r.Median.Microseconds()) / 1000, float64(r.P90.Microseconds()) / 1000
	}
	for _, r := range results {
		med, p90 := ms(r.Wall)
		b.ReportMetric(med, r.Name+"-wall-p50-ms")
		b.ReportMetric(p90, r.Name+"-wall-p90-ms")
		med, p90 = ms(r.CPU)
		b.ReportMetric(med, r.Name+"-cpu-p50-ms")
		b.ReportMetric(p90, r.Name+"-cpu-p90-ms")
	}
}
