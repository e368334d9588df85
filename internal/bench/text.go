package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes the result as a table: one line a figure, the ratio
// first (how many times faster or smaller taqrir is than the peer), then
// the stage, the figure, ours and the peer's; then how each stage was
// measured and its notes.
func (r *Result) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "taqrir bench: %s, %d articles, %.1f MB of text, %d queries; %d CPUs, %s/%s, %s\n\n",
		r.Corpus.Name, r.Corpus.Articles, float64(r.Corpus.TextBytes)/mb, r.Corpus.Queries, r.Machine.CPUs, r.Machine.OS, r.Machine.Arch, r.Machine.Go)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ratio\tstage\tfigure\ttaqrir\tpeer\t")
	for _, s := range r.Stages {
		for _, f := range s.Figures {
			ratio, peer := "—", "—"
			if x := f.Ratio(); x > 0 {
				ratio = fmt.Sprintf("%.2f×", x)
			}
			if f.HasTheirs {
				peer = num(f.Theirs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", ratio, s.Name, f.Label, num(f.Ours), peer)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nratio: times faster (or smaller) than the peer; below 1 taqrir is slower. Wall-clock figures on a shared machine are noisy.")
	for _, s := range r.Stages {
		peer := ""
		if s.Peer != "" {
			peer = " (peer: " + s.Peer + ")"
		}
		fmt.Fprintf(w, "%s%s: %s\n", s.Name, peer, s.How)
		for _, n := range s.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	if r.Work != "" {
		fmt.Fprintf(w, "kept: %s\n", r.Work)
	}
	return nil
}

// num writes a figure with three significant digits, thousands grouped.
func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 1000:
		s := fmt.Sprintf("%.0f", v)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
