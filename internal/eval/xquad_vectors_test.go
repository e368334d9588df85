package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// TestXQuADVectorGrid runs the grid the vector expansion and the rerank
// were chosen on, on the dev split only, with the vector table named by
// TAQRIR_VECTORS (skipped without it: the table is derived data). With
// TAQRIR_VECTORS_TEST=1 it also prints the test split of each row;
// TAQRIR_VECTORS_GRID=near or rerank runs that half only, chosen the
// VectorConfigs alone.
func TestXQuADVectorGrid(t *testing.T) {
	tp := os.Getenv("TAQRIR_VECTORS")
	if tp == "" {
		t.Skip("set TAQRIR_VECTORS to a table written by taqrir train words --vectors")
	}
	vec, err := wordrep.ReadVectorsFile(tp)
	if err != nil {
		t.Fatal(err)
	}
	task, err := LoadXQuAD(xquadPath(t))
	if err != nil {
		t.Fatal(err)
	}
	splits := []Split{SplitDev}
	if os.Getenv("TAQRIR_VECTORS_TEST") != "" {
		splits = append(splits, SplitTest)
	}
	base := Config{Name: "syn", Analyzer: analyzer.Name, SynonymBoost: 0.3}
	var cfgs []Config
	cfgs = append(cfgs, base)
	grid := os.Getenv("TAQRIR_VECTORS_GRID")
	for _, k := range []int{1, 3, 5} {
		for _, m := range []float64{0.5, 0.6, 0.7} {
			for _, b := range []float64{0.05, 0.1, 0.2, 0.3} {
				if grid == "rerank" {
					continue
				}
				c := base
				c.Name = fmt.Sprintf("near k%d m%.1f b%.2f", k, m, b)
				c.Near, c.NearBoost = &wordrep.Expander{Vectors: vec, K: k, MinScore: m, Among: NearAmong}, b
				cfgs = append(cfgs, c)
			}
		}
	}
	if grid != "near" {
		for _, l := range []float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2} {
			for _, d := range []int{20} {
				c := base
				c.Name = fmt.Sprintf("rerank l%.2f d%d", l, d)
				c.Vectors, c.Rerank, c.RerankDepth = vec, l, d
				cfgs = append(cfgs, c)
				c.Name = fmt.Sprintf("align l%.2f d%d", l, d)
				c.RerankAlign = true
				cfgs = append(cfgs, c)
			}
		}
	}
	if grid == "chosen" {
		cfgs = append([]Config{base}, VectorConfigs(vec)...)
	}
	var out strings.Builder
	for _, s := range splits {
		part := task.Part(s)
		var res []Result
		for _, c := range cfgs {
			r, err := part.Run(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			r.Split = s
			res = append(res, r)
		}
		WriteTable(&out, res)
	}
	t.Logf("XQuAD-R with vectors (%s):\n%s", tp, out.String())
}
