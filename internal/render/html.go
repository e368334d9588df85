package render

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/report"
)

//go:embed report.html.tmpl
var htmlTemplate string

// Folding: a section shows its first foldAfter items and folds the rest
// into a <details>; the sources list shows sourcesFold. A citation list
// shows its first chip and folds the others, at most maxFoldedChips of
// them (every citation stays in the JSON and every article in the
// sources list).
const (
	foldAfter      = 12
	sourcesFold    = 30
	maxFoldedChips = 20
)

// nouns are the counted nouns the template names.
var nouns = map[string]arabic.Noun{
	"article": arabic.NounArticle, "mention": arabic.NounMention, "source": arabic.NounSource,
	"copy": arabic.NounCopy, "outlet": arabic.NounOutlet, "event": arabic.NounEvent,
	"sentence": arabic.NounSentence, "actor": nounActor, "figure": nounFigure, "claim": nounClaim,
	"speaker": nounSpeaker, "contradiction": nounContradiction, "cite": nounCitation, "day": nounDay,
}

func nounNamed(name string) arabic.Noun {
	n, ok := nouns[name]
	if !ok {
		panic("render: no noun " + name)
	}
	return n
}

var baseFuncs = template.FuncMap{
	"day":         day,
	"short":       shortID,
	"kind":        kindName,
	"confidence":  confidenceNote,
	"hidden":      hiddenNote,
	"etype":       typeName,
	"gran":        granName,
	"join":        strings.Join,
	"inc":         func(i int) int { return i + 1 },
	"add":         func(a, b int) int { return a + b },
	"source":      sourceName,
	"anchor":      SourceAnchor,
	"count":       func(n int, noun string) string { return arabic.Count(n, nounNamed(noun)) },
	"chips":       func([]report.Citation, string) chipSet { return chipSet{} },
	"articleLink": func(report.ArticleInfo) string { return "" },
}

// pageTmpl is parsed on first use, not at package init: every command
// links this package and most never write a page.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(baseFuncs).Parse(htmlTemplate))
})

// chip is one citation as the page shows it.
type chip struct {
	Href, Title, Source, Date, ID string
}

// chipSet is a citation list: the first chip, the folded others.
type chipSet struct {
	First       *chip
	Rest        []chip
	RestLabel   string // "2 نسختان"
	Hidden      int    // beyond maxFoldedChips
	HiddenLabel string
}

type numbered struct {
	N     int
	E     report.Event
	Label string
}

type tocEntry struct{ ID, Title, Count string }

// page is what the template reads.
type page struct {
	R                           *report.Report
	Matched, Included, Distinct string
	Note                        string
	TOC                         []tocEntry
	FoldAfter, SourcesFold      int
	TimelineHead, TimelineRest  []numbered
	ActorsHead, ActorsRest      []report.Actor
	FiguresHead, FiguresRest    []report.Figure
	ClaimsHead, ClaimsRest      []report.SpeakerClaims
	SourcesHead, SourcesRest    []report.ArticleInfo
	Timeline                    *chartPair[timelineSVG]
	Volume                      *volumeChart
}

type chartPair[T any] struct{ Wide, Narrow *T }

func split[T any](xs []T, n int) ([]T, []T) {
	if len(xs) <= n {
		return xs, nil
	}
	return xs[:n], xs[n:]
}

// HTML writes the report as one standalone page: lang="ar" dir="rtl", an
// Arabic font stack, print and narrow-screen styles, a table of contents,
// long sections folded into <details>, citations that open the cited
// sentence (see Links) with the sentence on hover, a sources list at the
// end, and the timeline and the articles over time as inline SVG. It needs
// no JavaScript and no file beside it.
func HTML(w io.Writer, rep *report.Report, opts ...Option) error {
	cfg := newConfig(opts)
	t, err := pageTmpl().Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{
		"chips":       func(cs []report.Citation, noun string) chipSet { return cfg.chipSet(cs, nounNamed(noun)) },
		"articleLink": cfg.links.Article,
	})
	p := &page{R: rep, FoldAfter: foldAfter, SourcesFold: sourcesFold, Note: noteAr(rep)}
	a := rep.Articles
	p.Matched = arabic.Count(a.Matched, arabic.NounArticle)
	p.Included = arabic.Count(a.Included, arabic.NounArticle)
	p.Distinct = arabic.Count(a.Distinct, arabic.NounArticle)
	var evs []numbered
	for i, e := range rep.Timeline {
		evs = append(evs, numbered{N: i + 1, E: e, Label: dateLabel(e.Date)})
	}
	p.TimelineHead, p.TimelineRest = split(evs, foldAfter)
	p.ActorsHead, p.ActorsRest = split(rep.Actors, foldAfter)
	p.FiguresHead, p.FiguresRest = split(rep.Figures, foldAfter)
	p.ClaimsHead, p.ClaimsRest = split(rep.Claims, foldAfter)
	p.SourcesHead, p.SourcesRest = split(rep.Articles.List, sourcesFold)
	p.TOC = []tocEntry{
		{"summary", "الملخص", arabic.Count(len(rep.Summary), arabic.NounSentence)},
		{"timeline", "التسلسل الزمني", arabic.Count(len(rep.Timeline), arabic.NounEvent)},
		{"actors", "الفاعلون", arabic.Count(len(rep.Actors), nounActor)},
		{"figures", "الأرقام", arabic.Count(len(rep.Figures), nounFigure)},
		{"claims", "التصريحات", arabic.Count(len(rep.Claims), nounSpeaker)},
		{"contradictions", "التناقضات بين المصادر", arabic.Count(len(rep.Contradictions), nounContradiction)},
		{"coverage", "التغطية", arabic.Count(len(rep.Coverage.Sources), arabic.NounSource)},
		{"sources", "المصادر", arabic.Count(len(rep.Articles.List), arabic.NounArticle)},
	}
	if tw := buildTimelineSVG(rep.Timeline, wideWidth); tw != nil {
		tw.Class = "wide"
		tn := buildTimelineSVG(rep.Timeline, narrowWidth)
		tn.Class = "narrow"
		p.Timeline = &chartPair[timelineSVG]{tw, tn}
	}
	p.Volume = buildVolumeChart(rep.Coverage)
	return t.Execute(w, p)
}

// chipSet lays out a citation list: the first citation, then the others
// folded behind "+N" (N counted with noun), at most maxFoldedChips shown.
func (c config) chipSet(cs []report.Citation, noun arabic.Noun) chipSet {
	var s chipSet
	if len(cs) == 0 {
		return s
	}
	mk := func(ct report.Citation) chip {
		return chip{Href: c.links.Citation(ct), Title: ct.Sentence, Source: sourceName(ct.Source), Date: day(ct.Published), ID: shortID(ct.ArticleID)}
	}
	first := mk(cs[0])
	s.First = &first
	rest := cs[1:]
	if len(rest) == 0 {
		return s
	}
	s.RestLabel = arabic.Count(len(rest), noun)
	if len(rest) > maxFoldedChips {
		s.Hidden = len(rest) - maxFoldedChips
		s.HiddenLabel = arabic.Count(s.Hidden, noun)
		rest = rest[:maxFoldedChips]
	}
	for _, ct := range rest {
		s.Rest = append(s.Rest, mk(ct))
	}
	return s
}
