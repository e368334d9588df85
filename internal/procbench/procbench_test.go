package procbench

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestSummarise(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Millisecond)
		}
		return ds
	}
	for _, tt := range []struct {
		in                  []time.Duration
		median, p90, lo, hi time.Duration
	}{
		{ms(5), 5 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond},
		{ms(4, 1, 3, 2), 2 * time.Millisecond, 4 * time.Millisecond, time.Millisecond, 4 * time.Millisecond},
		{ms(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 5 * time.Millisecond, 9 * time.Millisecond, time.Millisecond, 10 * time.Millisecond},
	} {
		got := Summarise(tt.in)
		if got != (Stats{tt.median, tt.p90, tt.lo, tt.hi}) {
			t.Errorf("Summarise(%v) = %+v", tt.in, got)
		}
	}
}

// TestRun runs this test binary itself as the child: real processes, real
// clocks (the figures are checked for sense, not speed).
func TestRun(t *testing.T) {
	if os.Getenv("PROCBENCH_CHILD") == "fail" {
		os.Stderr.WriteString("child failed on purpose\n")
		os.Exit(3)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := Command{Name: "child", Path: exe, Args: []string{"-test.run=^$"}}
	res, err := Run(context.Background(), []Command{child, child}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Name != "child" || res[0].Runs != 3 {
		t.Fatalf("results %+v", res)
	}
	for _, r := range res {
		if r.Wall.Min <= 0 || r.Wall.Min > r.Wall.Median || r.Wall.Median > r.Wall.P90 || r.Wall.P90 > r.Wall.Max {
			t.Errorf("wall figures out of order: %+v", r.Wall)
		}
		if r.CPU.Max <= 0 {
			t.Errorf("no CPU time measured: %+v", r.CPU)
		}
	}
	fail := child
	fail.Env = append(os.Environ(), "PROCBENCH_CHILD=fail")
	fail.Args = []string{"-test.run=^TestRun$"}
	if _, err := Run(context.Background(), []Command{fail}, 1); err == nil || !strings.Contains(err.Error(), "child failed on purpose") {
		t.Errorf("a failing command: %v, want its stderr in the error", err)
	}
	if _, err := Run(context.Background(), []Command{child}, 0); err == nil {
		t.Error("0 runs: no error")
	}
}
