package dedup

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// An edit is one thing an outlet does to an agency story it carries.
type edit func(r *rand.Rand, paras []string) []string

var (
	// addDateline puts the carrying outlet's dateline and agency credit in
	// front of the first paragraph.
	addDateline edit = func(r *rand.Rand, p []string) []string {
		lines := []string{"القاهرة - (رويترز) - ", "الدوحة - أ ف ب: ", "بغداد - (الأناضول) - ", "عمّان - (د ب أ) - "}
		p[0] = lines[r.IntN(len(lines))] + p[0]
		return p
	}
	// addCredit appends an agency credit line.
	addCredit edit = func(r *rand.Rand, p []string) []string {
		return append(p, []string{"(المصدر: وكالة فرانس برس)", "المصدر: رويترز", "(د ب أ)"}[r.IntN(3)])
	}
	// respell swaps spelling habits: أ/ا, ى/ي, ة/ه, أمريكا/أميركا, and
	// strips diacritics, as outlets' style sheets do.
	respell edit = func(r *rand.Rand, p []string) []string {
		rep := strings.NewReplacer("أمريكا", "أميركا", "الأمريكية", "الأميركية", "إلى", "الى", "أن", "ان", "ّ", "", "َ", "", "ترامب", "ترمب")
		for i := range p {
			p[i] = rep.Replace(p[i])
		}
		return p
	}
	// swapParagraphs moves one paragraph elsewhere.
	swapParagraphs edit = func(r *rand.Rand, p []string) []string {
		if len(p) > 2 {
			i, j := 1+r.IntN(len(p)-1), 1+r.IntN(len(p)-1)
			p[i], p[j] = p[j], p[i]
		}
		return p
	}
	// dropLast trims the last paragraph, as a shorter web copy does.
	dropLast edit = func(r *rand.Rand, p []string) []string {
		if len(p) > 3 {
			return p[:len(p)-1]
		}
		return p
	}
	// changeWords replaces about one word in forty with another word of
	// the text (a copy-editor's touch).
	changeWords edit = func(r *rand.Rand, p []string) []string {
		for i := range p {
			w := strings.Fields(p[i])
			for j := range w {
				if r.IntN(40) == 0 {
					w[j] = w[r.IntN(len(w))]
				}
			}
			p[i] = strings.Join(w, " ")
		}
		return p
	}
)

// syndicate returns the sample articles plus copies of every third one
// under other outlets, each copy made with a different mix of edits, and
// the truth: copy id → original id.
func syndicate(arts []news.Article) ([]news.Article, map[string]string) {
	mixes := [][]edit{
		{addDateline, addCredit},
		{respell},
		{swapParagraphs, addCredit},
		{changeWords},
		{dropLast, addDateline},
		{respell, changeWords, addDateline},
		{swapParagraphs, dropLast, respell},
	}
	r := rand.New(rand.NewPCG(6, 6))
	out := append([]news.Article(nil), arts...)
	truth := map[string]string{}
	n := 0
	for i := 0; i < len(arts); i += 3 {
		for c := range 1 + i%2 {
			orig := arts[i]
			cp := orig
			cp.ID = fmt.Sprintf("copy-%d-%d", i, c)
			cp.Source = fmt.Sprintf("outlet %d", c)
			cp.Title = "نقلا عن الوكالات: " + orig.Title
			cp.CanonicalURL, cp.URL = "", ""
			if cp.HasPublished() {
				cp.Published = cp.Published.Add(time.Duration(1+c) * time.Hour)
			}
			paras := append([]string(nil), orig.Paragraphs...)
			for _, e := range mixes[n%len(mixes)] {
				paras = e(r, paras)
			}
			n++
			cp.Paragraphs = paras
			out = append(out, cp)
			truth[cp.ID] = orig.ID
		}
	}
	return out, truth
}
