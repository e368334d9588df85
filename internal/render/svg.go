package render

import (
	"fmt"
	"sort"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// Geometry of the pictures, in SVG user units. Each is drawn twice: wide
// for a desktop page, where a unit is about a CSS pixel, and narrow for a
// phone (the page shows one or the other), so that labels stay at least
// 12 px on both.
const (
	wideWidth     = 960
	narrowWidth   = 360
	svgMargin     = 24
	timelineAxisY = 70
	// maxTimelineRows caps how high dots stack over a crowded stretch of
	// the axis; beyond it they overlap (the list below has every event).
	maxTimelineRows = 8
)

// timelineSVG is the timeline drawn on a date axis: time runs from right
// (earliest) to left, as Arabic reads; one dot per event, larger when more
// sources report it, numbered as in the list below the picture.
type timelineSVG struct {
	Class         string
	Width, Height int
	AxisY         int
	Ticks         []svgTick
	Majors        []svgMajor // month and year names under the ticks
	Dots          []svgDot
	Segments      []svgSeg // the axis, broken where nothing happens for long
	Breaks        []svgSeg // the gaps, drawn dashed
}

type svgSeg struct{ X1, X2 int }

type svgTick struct {
	X     int
	Label string
}

// svgMajor is a label of the second row: the month and year a stretch of
// day ticks belongs to, or the year of month ticks. Anchor "end" puts it
// leftwards of X, into the later time.
type svgMajor struct {
	X      int
	Label  string
	Anchor string
}

type svgDot struct {
	N       int // 1-based event number
	X, Y    int
	R       int
	X2      int // end of a span (week, month, range), == X for a day
	Label   string
	Tooltip string
}

func buildTimelineSVG(evs []report.Event, width int) *timelineSVG {
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
	x1, x2 := svgMargin, width-svgMargin // x2 is the earliest
	axis := newBrokenAxis(list[0].start, x1, x2, func(yield func(s, e time.Time) bool) {
		for _, e := range list {
			if !yield(e.start, e.end) {
				return
			}
		}
	})
	xOf := axis.x
	sv := &timelineSVG{Width: width, AxisY: timelineAxisY}
	for _, sg := range axis.segs {
		sv.Segments = append(sv.Segments, svgSeg{X1: sg.xLate, X2: sg.xEarly})
	}
	for i := 1; i < len(axis.segs); i++ {
		sv.Breaks = append(sv.Breaks, svgSeg{X1: axis.segs[i].xEarly, X2: axis.segs[i-1].xLate})
	}
	// Dots stack upwards when they would overlap; a phone's dots are
	// smaller, as its axis is.
	maxR, rowH := 14, 30
	if width < wideWidth/2 {
		maxR, rowH = 11, 24
	}
	lastX := map[int]int{} // row → x of the last dot drawn in it
	maxRow := 0
	for _, e := range list {
		x := xOf(e.start)
		xEnd := xOf(e.end)
		if e.end.Sub(e.start) <= 24*time.Hour {
			xEnd = x
		}
		r := min(7+2*e.e.Sources, maxR)
		row := 0
		for row < maxTimelineRows-1 {
			lx, ok := lastX[row]
			if !ok || abs(lx-x) > 2*maxR+4 {
				break
			}
			row++
		}
		lastX[row] = x
		maxRow = max(maxRow, row)
		sv.Dots = append(sv.Dots, svgDot{N: e.n, X: x, X2: xEnd, R: r, Y: timelineAxisY - 20 - row*rowH,
			Label: fmt.Sprint(e.n), Tooltip: dateLabel(e.e.Date) + " — " + e.e.Text})
	}
	// shift everything down so the highest row fits
	shift := max(0, maxRow*rowH+20+16-timelineAxisY+8)
	for i := range sv.Dots {
		sv.Dots[i].Y += shift
	}
	sv.AxisY += shift
	sv.Height = sv.AxisY + 52
	var bounds []axisBounds
	for _, sg := range axis.segs {
		bounds = append(bounds, axisBounds(sg))
	}
	sv.Ticks, sv.Majors = dateTicks(bounds, xOf)
	return sv
}

// axisBounds is one stretch of a date axis: its times and its x (the
// earliest on the right).
type axisBounds struct {
	lo, hi        time.Time
	xEarly, xLate int
}

// dateTicks labels stretches of a date axis: day numbers (with the month
// and year of each month below), month names (with the years below), or
// years, whichever fits about one label per 44 units; every stretch names
// its month and year (or year) at its start, so a reader always knows the
// year.
func dateTicks(segs []axisBounds, xOf func(time.Time) int) ([]svgTick, []svgMajor) {
	var ticks []svgTick
	var majors []svgMajor
	lastTick, lastMajor := 1<<30, 1<<30
	addTick := func(x int, label string) {
		if abs(x-lastTick) < 40 {
			return // labels would collide
		}
		lastTick = x
		ticks = append(ticks, svgTick{X: x, Label: label})
	}
	addMajor := func(x int, label string, force bool) {
		if !force && lastMajor-x < 100 {
			return
		}
		if force && len(majors) > 0 && lastMajor-x < 100 {
			majors = majors[:len(majors)-1] // a stretch's start wins over a month inside the last one
		}
		lastMajor = x
		majors = append(majors, svgMajor{X: x, Label: label, Anchor: "end"})
	}
	for _, sg := range segs {
		w := sg.xEarly - sg.xLate
		d := sg.hi.Sub(sg.lo)
		days := d.Hours() / 24
		switch {
		case days <= 75:
			step := 1
			for _, s := range []int{1, 2, 3, 5, 7, 10, 14} {
				step = s
				if float64(w)/(days/float64(s)) >= 40 {
					break
				}
			}
			lo := sg.lo.Truncate(24 * time.Hour)
			addMajor(sg.xEarly, monthName(lo.Month())+" "+fmt.Sprint(lo.Year()), true)
			for t := lo; t.Before(sg.hi); t = t.AddDate(0, 0, 1) {
				if t.Before(sg.lo) {
					continue
				}
				if t.Day() == 1 && !t.Equal(lo) {
					addMajor(xOf(t), monthName(t.Month())+" "+fmt.Sprint(t.Year()), false)
				}
				if (t.Day()-1)%step == 0 || t.Equal(lo) {
					addTick(xOf(t.Add(12*time.Hour)), fmt.Sprint(t.Day()))
				}
			}
		case days <= 3*366:
			months := days / 30.4
			step := 1
			for _, s := range []int{1, 2, 3, 6, 12} {
				step = s
				if float64(w)/(months/float64(s)) >= 56 {
					break
				}
			}
			first := time.Date(sg.lo.Year(), sg.lo.Month(), 1, 0, 0, 0, 0, time.UTC)
			addMajor(sg.xEarly, fmt.Sprint(sg.lo.Year()), true)
			for t := first; t.Before(sg.hi); t = t.AddDate(0, 1, 0) {
				if t.Month() == time.January && t.After(sg.lo) {
					addMajor(xOf(t), fmt.Sprint(t.Year()), false)
				}
				if (int(t.Month())-1)%step == 0 && !t.Before(sg.lo) {
					mid := t.AddDate(0, 0, 14)
					addTick(xOf(mid), monthName(t.Month()))
				}
			}
		default:
			years := days / 365.25
			step := max(1, int(years*50/float64(max(w, 1)))+1)
			for y := sg.lo.Year(); y <= sg.hi.Year(); y++ {
				t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
				if y%step == 0 && !t.Before(sg.lo) && t.Before(sg.hi) {
					addTick(xOf(t), fmt.Sprint(y))
				}
			}
		}
	}
	return ticks, majors
}

// The date axis is broken where nothing happens for a long stretch (a dam
// built in 2020 in a story of March 2025): each busy stretch gets its own
// linear scale and width, and a gap becomes a break mark.
const (
	axisGap      = 45 * 24 * time.Hour // a quieter stretch than this breaks the axis
	axisBreakW   = 36                  // pixels of a break
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
	// On a narrow picture with many stretches the floor gives way.
	minW := max(8, min(minSegmentW, (x2-x1-axisBreakW*(len(segs)-1))/(2*len(segs))))
	avail := float64(x2-x1-axisBreakW*(len(segs)-1)) - float64(minW*len(segs))
	avail = max(avail, 0)
	x := x2
	for i := range segs {
		w := minW + int(avail*weights[i]/total)
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
