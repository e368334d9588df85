package render

import (
	"fmt"
	"sort"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// Geometry of the two pictures, in SVG user units.
const (
	svgWidth      = 880
	svgMargin     = 40
	timelineAxisY = 70
	cellSize      = 26
	labelWidth    = 150
	// maxTimelineRows caps how high dots stack over a crowded stretch of
	// the axis; beyond it they overlap (the list below has every event).
	maxTimelineRows = 8
)

// timelineSVG is the timeline drawn on a date axis: time runs from right
// (earliest) to left, as Arabic reads; one dot per event, larger when more
// sources report it, numbered as in the list below the picture.
type timelineSVG struct {
	Width, Height int
	AxisY         int
	AxisX1        int
	AxisX2        int
	Ticks         []svgTick
	Dots          []svgDot
	Segments      []svgSeg // the axis, broken where nothing happens for long
	Breaks        []int    // x of each break mark
}

type svgSeg struct{ X1, X2 int }

type svgTick struct {
	X     int
	Label string
}

type svgDot struct {
	N       int // 1-based event number
	X, Y    int
	R       int
	X2      int // end of a span (week, month, range), == X for a day
	Label   string
	Tooltip string
}

func buildTimelineSVG(evs []report.Event) *timelineSVG {
	type ev struct {
		n          int
		start, end time.Time
		e          report.Event
	}
	var list []ev
	for i, e := range evs {
		s, en, ok := spanOf(e.Date)
		if ok {
			list = append(list, ev{i + 1, s, en, e})
		}
	}
	if len(list) == 0 {
		return nil
	}
	x1, x2 := svgMargin, svgWidth-svgMargin // x2 is the earliest
	axis := newBrokenAxis(list[0].start, x1, x2, func(yield func(s, e time.Time) bool) {
		for _, e := range list {
			if !yield(e.start, e.end) {
				return
			}
		}
	})
	xOf := axis.x
	sv := &timelineSVG{Width: svgWidth, AxisY: timelineAxisY, AxisX1: x1, AxisX2: x2}
	for _, sg := range axis.segs {
		sv.Segments = append(sv.Segments, svgSeg{X1: sg.xLate, X2: sg.xEarly})
	}
	for i := 1; i < len(axis.segs); i++ {
		sv.Breaks = append(sv.Breaks, (axis.segs[i-1].xLate+axis.segs[i].xEarly)/2)
	}
	// Dots stack upwards when they would overlap.
	lastX := map[int]int{} // row → x of the last dot drawn in it
	maxRow := 0
	for _, e := range list {
		x := xOf(e.start)
		xEnd := xOf(e.end)
		if e.end.Sub(e.start) <= 24*time.Hour {
			xEnd = x
		}
		r := min(4+2*e.e.Sources, 12)
		row := 0
		for row < maxTimelineRows-1 {
			lx, ok := lastX[row]
			if !ok || abs(lx-x) > 2*12+4 {
				break
			}
			row++
		}
		lastX[row] = x
		maxRow = max(maxRow, row)
		sv.Dots = append(sv.Dots, svgDot{N: e.n, X: x, X2: xEnd, R: r, Y: timelineAxisY - 16 - row*26,
			Label: fmt.Sprint(e.n), Tooltip: e.e.Date + " — " + e.e.Text})
	}
	// shift everything down so the highest row fits
	shift := max(0, maxRow*26+16+12-timelineAxisY+8)
	for i := range sv.Dots {
		sv.Dots[i].Y += shift
	}
	sv.AxisY += shift
	sv.Height = sv.AxisY + 40
	lastTick := -1000
	years := axis.segs[0].lo.Year() != axis.segs[len(axis.segs)-1].hi.Add(-time.Minute).Year()
	for _, sg := range axis.segs {
		n := max(1, (sg.xEarly-sg.xLate)/70)
		for _, t := range ticks(sg.lo, sg.hi, n, years) {
			x := xOf(t.at)
			if abs(x-lastTick) < 56 {
				continue // labels would collide
			}
			lastTick = x
			sv.Ticks = append(sv.Ticks, svgTick{X: x, Label: t.label})
		}
	}
	return sv
}

// The date axis is broken where nothing happens for a long stretch (a dam
// built in 2020 in a story of March 2025): each busy stretch gets its own
// linear scale and width, and a gap becomes a break mark.
const (
	axisGap      = 45 * 24 * time.Hour // a quieter stretch than this breaks the axis
	axisBreakW   = 28                  // pixels of a break
	minSegmentW  = 60                  // pixels of the narrowest stretch
	minSegmentSp = 48 * time.Hour      // shortest span a stretch is drawn as
)

type axisSeg struct {
	lo, hi        time.Time
	xEarly, xLate int // xEarly > xLate: time runs right to left
}

type brokenAxis struct{ segs []axisSeg }

// newBrokenAxis lays the intervals out between x1 (latest) and x2
// (earliest). first is any of the intervals' starts.
func newBrokenAxis(first time.Time, x1, x2 int, intervals func(yield func(s, e time.Time) bool)) *brokenAxis {
	type iv struct{ s, e time.Time }
	var ivs []iv
	for s, e := range intervals {
		if !e.After(s) {
			e = s.Add(time.Minute)
		}
		ivs = append(ivs, iv{s, e})
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].s.Before(ivs[j].s) })
	var segs []axisSeg
	var counts []int
	for _, v := range ivs {
		if n := len(segs); n > 0 && v.s.Sub(segs[n-1].hi) <= axisGap {
			if v.e.After(segs[n-1].hi) {
				segs[n-1].hi = v.e
			}
			counts[n-1]++
			continue
		}
		segs = append(segs, axisSeg{lo: v.s, hi: v.e})
		counts = append(counts, 1)
	}
	if len(segs) == 0 {
		segs = []axisSeg{{lo: first, hi: first.Add(24 * time.Hour)}}
		counts = []int{1}
	}
	// Widths: by the number of events in each stretch (the busy weeks of
	// the story get the room, not a lone date years before), at least
	// minSegmentW.
	weights := make([]float64, len(segs))
	total := 0.0
	for i := range segs {
		if segs[i].hi.Sub(segs[i].lo) < minSegmentSp {
			segs[i].hi = segs[i].lo.Add(minSegmentSp)
		}
		weights[i] = float64(counts[i])
		total += weights[i]
	}
	avail := float64(x2-x1-axisBreakW*(len(segs)-1)) - float64(minSegmentW*len(segs))
	avail = max(avail, 0)
	x := x2
	for i := range segs {
		w := minSegmentW + int(avail*weights[i]/total)
		segs[i].xEarly, segs[i].xLate = x, x-w
		x -= w + axisBreakW
	}
	return &brokenAxis{segs: segs}
}

// x places a time on the axis; a time in a break goes to the nearer edge.
func (a *brokenAxis) x(t time.Time) int {
	for i, sg := range a.segs {
		if t.Before(sg.lo) {
			if i == 0 {
				return sg.xEarly
			}
			return a.segs[i-1].xLate
		}
		if !t.After(sg.hi) {
			f := float64(t.Sub(sg.lo)) / float64(sg.hi.Sub(sg.lo))
			return sg.xEarly - int(f*float64(sg.xEarly-sg.xLate))
		}
	}
	return a.segs[len(a.segs)-1].xLate
}

type tick struct {
	at    time.Time
	label string
}

// ticks picks about n readable date marks between lo and hi; days carry
// their year when the axis spans several years.
func ticks(lo, hi time.Time, n int, withYear bool) []tick {
	dayLayout := "01-02"
	if withYear {
		dayLayout = "2006-01-02"
	}
	var out []tick
	d := hi.Sub(lo)
	switch {
	case d <= 45*24*time.Hour:
		step := max(1, int(d.Hours()/24/float64(n)))
		for t := lo.Truncate(24 * time.Hour); !t.After(hi); t = t.AddDate(0, 0, step) {
			if !t.Before(lo) {
				out = append(out, tick{t, t.Format(dayLayout)})
			}
		}
	case d <= 3*366*24*time.Hour:
		step := max(1, int(d.Hours()/24/30/float64(n)))
		for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, step, 0) {
			if !t.Before(lo) {
				out = append(out, tick{t, t.Format("2006-01")})
			}
		}
	default:
		step := max(1, int(d.Hours()/24/365/float64(n)))
		for t := time.Date(lo.Year(), 1, 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(step, 0, 0) {
			if !t.Before(lo) {
				out = append(out, tick{t, t.Format("2006")})
			}
		}
	}
	return out
}

// spanOf reads a TIMEX value of the timeline (the report only emits values
// it could read, so failure here means an odd value we skip drawing).
func spanOf(v string) (time.Time, time.Time, bool) {
	layouts := []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02T15:04", func(t time.Time) time.Time { return t.Add(time.Minute) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	}
	if a, b, ok := cut(v, "/"); ok {
		s, _, ok1 := spanOf(a)
		_, e, ok2 := spanOf(b)
		return s, e, ok1 && ok2
	}
	for _, l := range layouts {
		if len(v) >= len(l.layout) {
			if t, err := time.Parse(l.layout, v[:len(l.layout)]); err == nil && len(v) == len(l.layout) {
				return t, l.add(t), true
			}
		}
	}
	var y, w int
	if _, err := fmt.Sscanf(v, "%4d-W%d", &y, &w); err == nil && w >= 1 && w <= 53 {
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		s := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		return s, s.AddDate(0, 0, 7), true
	}
	return time.Time{}, time.Time{}, false
}

func cut(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// coverageSVG is a grid: one row per source, one column per day (earliest
// on the right), a square per cell whose shade and number give the count.
type coverageSVG struct {
	Width, Height int
	LabelX        int
	Rows          []svgRow
	Cols          []svgCol
	Cells         []svgCell
}

type svgRow struct {
	Y     int
	Label string
}

type svgCol struct {
	X     int
	Label string
}

type svgCell struct {
	X, Y    int
	Size    int
	Count   int
	Opacity string
	Title   string
}

// maxCoverageDays caps the columns; a longer span keeps the busiest days.
const maxCoverageDays = 31

func buildCoverageSVG(cov report.Coverage) *coverageSVG {
	if len(cov.Cells) == 0 {
		return nil
	}
	days := make([]string, 0, len(cov.Days))
	for _, d := range cov.Days {
		days = append(days, d.Key)
	}
	if len(days) > maxCoverageDays {
		byCount := append([]report.Count(nil), cov.Days...)
		sort.SliceStable(byCount, func(i, j int) bool { return byCount[i].Count > byCount[j].Count })
		keep := map[string]bool{}
		for _, d := range byCount[:maxCoverageDays] {
			keep[d.Key] = true
		}
		days = days[:0]
		for _, d := range cov.Days {
			if keep[d.Key] {
				days = append(days, d.Key)
			}
		}
	}
	col := map[string]int{}
	sv := &coverageSVG{}
	for i, d := range days {
		col[d] = i
	}
	row := map[string]int{}
	for i, s := range cov.Sources {
		row[s.Key] = i
	}
	width := len(days)*cellSize + labelWidth + 20
	// earliest day is the rightmost column, next to the source labels
	xOfCol := func(i int) int { return 10 + (len(days)-1-i)*cellSize }
	sv.LabelX = 10 + len(days)*cellSize + 8
	for i, d := range days {
		label := dayLabel(d)
		if len(d) == 10 {
			label = d[5:]
		}
		sv.Cols = append(sv.Cols, svgCol{X: xOfCol(i) + cellSize/2, Label: label})
	}
	top := 56
	for i, s := range cov.Sources {
		sv.Rows = append(sv.Rows, svgRow{Y: top + i*cellSize + cellSize/2 + 4, Label: s.Key})
	}
	maxN := 1
	for _, c := range cov.Cells {
		maxN = max(maxN, c.Count)
	}
	for _, c := range cov.Cells {
		ci, ok := col[c.Day]
		if !ok {
			continue
		}
		ri := row[c.Source]
		op := 0.25 + 0.75*float64(c.Count)/float64(maxN)
		sv.Cells = append(sv.Cells, svgCell{X: xOfCol(ci) + 2, Y: top + ri*cellSize + 2, Size: cellSize - 4, Count: c.Count,
			Opacity: fmt.Sprintf("%.2f", op), Title: fmt.Sprintf("%s · %s · %d", c.Source, dayLabel(c.Day), c.Count)})
	}
	sv.Width = width
	sv.Height = top + len(cov.Sources)*cellSize + 10
	return sv
}
