package app

import (
	"runtime/debug"
	"testing"
)

// TestPipelineGC: the pipeline runs at PipelineGCPercent and the target
// before it comes back after; a GOGC the user set is left alone.
func TestPipelineGC(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	restore := pipelineGC()
	if got := debug.SetGCPercent(PipelineGCPercent); got != PipelineGCPercent {
		t.Errorf("during the pipeline: GC percent %d, want %d", got, PipelineGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after the pipeline: GC percent %d, want 150 back", got)
	}

	t.Setenv("GOGC", "100")
	restore = pipelineGC()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set: GC percent %d, want 150 untouched", got)
	}
	restore()
}
