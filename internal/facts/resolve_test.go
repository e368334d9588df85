package facts

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// TestResolvePipeline scores entity resolution through the whole pipeline
// on testdata/resolve.tsv: an expected name is found when an entity's text
// holds it (the first such entity), and right when canonical, role, of, in
// and metonymy all match.
func TestResolvePipeline(t *testing.T) {
	scoreResolution(t, "testdata/resolve.tsv", 90)
}

// TestResolvePipelineHeldOut scores the held-out sentences; it only fails
// on a collapse.
func TestResolvePipelineHeldOut(t *testing.T) {
	scoreResolution(t, "testdata/resolve_heldout.tsv", 50)
}

// scoreResolution scores one file and requires floor percent all-right.
func scoreResolution(t *testing.T, path string, floor float64) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n, found, right int
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			t.Fatalf("%s:%d: want 7 fields, got %d", path, i+1, len(f))
		}
		want := news.Entity{Text: f[1], Canonical: f[2], Role: f[3], Of: f[4], In: f[5], Metonymy: f[6] == "1"}
		n++
		var got *news.Entity
		for _, e := range Extract(f[0], time.Time{}).Entities {
			if strings.Contains(e.Text, want.Text) {
				got = &e
				break
			}
		}
		if got == nil {
			t.Logf("%s:%d: %q not found", path, i+1, want.Text)
			continue
		}
		found++
		if got.Canonical == want.Canonical && got.Role == want.Role && got.Of == want.Of && got.In == want.In && got.Metonymy == want.Metonymy {
			right++
			continue
		}
		t.Logf("%s:%d: %q\n want canonical %q role %q of %q in %q metonymy %v\n got  canonical %q role %q of %q in %q metonymy %v",
			path, i+1, want.Text, want.Canonical, want.Role, want.Of, want.In, want.Metonymy, got.Canonical, got.Role, got.Of, got.In, got.Metonymy)
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	t.Logf("%s: n=%d found %.1f%%, all fields right %.1f%%", path, n, pct(found), pct(right))
	if pct(right) < floor {
		t.Errorf("%s: all-fields-right below %.0f%%", path, floor)
	}
}
