package render

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/report"
)

// volumeChart is the matching articles over time, one bar per day (week or
// month on a long span), stacked by outlet, on a continuous date axis:
// quiet days are gaps. Drawn wide and narrow like the timeline.
type volumeChart struct {
	Wide, Narrow *volumeSVG
	Legend       []legendItem
	Bin          string // يوم، أسبوع، شهر
	Undated      string // "3 مقالات" without a publication date, or ""
}

type legendItem struct {
	Label, Color string
	Count        int
}

type volumeSVG struct {
	Class          string
	Width, Height  int
	PlotX1, PlotX2 int
	AxisY          int
	Grid           []svgGrid
	Bars           []svgBar
	Ticks          []svgTick
	Majors         []svgMajor
}

type svgGrid struct {
	Y     int
	Label string
}

type svgBar struct {
	X, Y, W, H int
	Color      string
	Title      string
}

// volumeOutlets is how many outlets get a colour of their own; the others
// are one "أخرى" band.
const volumeOutlets = 7

// palette is colour-blind safe (Okabe–Ito), the last for the others.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"}

const (
	volumePlotH = 150
	maxBarW     = 40
)

// bin is one bar's stretch of time.
type bin struct {
	lo, hi time.Time
	counts []int // per band
}

func buildVolumeChart(cov report.Coverage) *volumeChart {
	var lo, hi time.Time
	undated := 0
	for _, c := range cov.Cells {
		t, err := time.Parse("2006-01-02", c.Day)
		if err != nil {
			undated += c.Count
			continue
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
	}
	if lo.IsZero() {
		return nil
	}
	// Bands: the outlets with most articles, then the others.
	band := map[string]int{}
	vc := &volumeChart{}
	for i, s := range cov.Sources {
		if i < volumeOutlets || len(cov.Sources) == volumeOutlets+1 {
			band[s.Key] = len(vc.Legend)
			vc.Legend = append(vc.Legend, legendItem{Label: sourceName(s.Key), Color: palette[len(vc.Legend)], Count: s.Count})
			continue
		}
		if i == volumeOutlets {
			vc.Legend = append(vc.Legend, legendItem{Label: "مصادر أخرى", Color: palette[len(palette)-1]})
		}
		band[s.Key] = volumeOutlets
		vc.Legend[volumeOutlets].Count += s.Count
	}
	if undated > 0 {
		vc.Undated = arabic.Count(undated, arabic.NounArticle)
	}
	// Bins: days up to three months, weeks up to two years, months up to
	// twenty, then years.
	days := int(hi.Sub(lo).Hours()/24) + 1
	step := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	start := lo
	vc.Bin = "يوم"
	switch {
	case days > 20*366:
		vc.Bin = "سنة"
		start = time.Date(lo.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		step = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
	case days > 2*366:
		vc.Bin = "شهر"
		start = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	case days > 92:
		vc.Bin = "أسبوع"
		start = lo.AddDate(0, 0, -((int(lo.Weekday()) + 6) % 7)) // Monday
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	}
	var bins []bin
	for t := start; !t.After(hi); t = step(t) {
		bins = append(bins, bin{lo: t, hi: step(t), counts: make([]int, len(vc.Legend))})
	}
	for _, c := range cov.Cells {
		t, err := time.Parse("2006-01-02", c.Day)
		if err != nil {
			continue
		}
		i := sort.Search(len(bins), func(i int) bool { return bins[i].hi.After(t) })
		if i < len(bins) {
			bins[i].counts[band[c.Source]] += c.Count
		}
	}
	vc.Wide = drawVolume(bins, vc, wideWidth)
	vc.Wide.Class = "wide"
	vc.Narrow = drawVolume(bins, vc, narrowWidth)
	vc.Narrow.Class = "narrow"
	return vc
}

func drawVolume(bins []bin, vc *volumeChart, width int) *volumeSVG {
	const top = 12
	sv := &volumeSVG{Width: width, PlotX1: 8, PlotX2: width - 36, AxisY: top + volumePlotH}
	sv.Height = sv.AxisY + 52
	maxN := 1
	for _, b := range bins {
		n := 0
		for _, c := range b.counts {
			n += c
		}
		maxN = max(maxN, n)
	}
	// Grid lines at a round step, about four of them.
	gstep := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000} {
		gstep = s
		if maxN/s <= 4 {
			break
		}
	}
	top2 := ((maxN + gstep - 1) / gstep) * gstep
	yOf := func(n int) int { return sv.AxisY - n*volumePlotH/top2 }
	for g := gstep; g <= top2; g += gstep {
		sv.Grid = append(sv.Grid, svgGrid{Y: yOf(g), Label: strconv.Itoa(g)})
	}
	plotW := sv.PlotX2 - sv.PlotX1
	bw := float64(plotW) / float64(len(bins))
	gap := 1
	if bw < 4 {
		gap = 0
	}
	// x of a bin: the earliest on the right; a bar no wider than
	// maxBarW, centred in its slot, so a few days do not read as blocks.
	barW := min(int(bw)-gap, maxBarW*width/wideWidth+2)
	xOfBin := func(i int) int { return sv.PlotX2 - int(float64(i+1)*bw) + (int(bw)-gap-barW)/2 }
	for i, b := range bins {
		y := sv.AxisY
		for band, n := range b.counts {
			if n == 0 {
				continue
			}
			h := yOf(0) - yOf(n)
			h = max(h, 1)
			title := fmt.Sprintf("%s · %s · %s", vc.Legend[band].Label, binLabel(b, vc.Bin), arabic.Count(n, arabic.NounArticle))
			sv.Bars = append(sv.Bars, svgBar{X: xOfBin(i) + gap, Y: y - h, W: max(1, barW), H: h, Color: vc.Legend[band].Color, Title: title})
			y -= h
		}
	}
	// The axis: a time maps linearly inside [first bin, last bin).
	lo, hi := bins[0].lo, bins[len(bins)-1].hi
	xOf := func(t time.Time) int {
		f := float64(t.Sub(lo)) / float64(hi.Sub(lo))
		return sv.PlotX2 - int(f*float64(plotW))
	}
	sv.Ticks, sv.Majors = dateTicks([]axisBounds{{lo, hi, sv.PlotX2, sv.PlotX1}}, xOf)
	return sv
}

func binLabel(b bin, unit string) string {
	switch unit {
	case "سنة":
		return strconv.Itoa(b.lo.Year())
	case "شهر":
		return monthName(b.lo.Month()) + " " + strconv.Itoa(b.lo.Year())
	case "أسبوع":
		return spanLabel(b.lo, b.hi.AddDate(0, 0, -1))
	}
	return dayMonthYear(b.lo)
}
