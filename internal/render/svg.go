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
}

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
	lo, hi := list[0].start, list[0].end
	for _, e := range list {
		if e.start.Before(lo) {
			lo = e.start
		}
		if e.end.After(hi) {
			hi = e.end
		}
	}
	span := hi.Sub(lo)
	if span <= 0 {
		span = 24 * time.Hour
	}
	x1, x2 := svgMargin, svgWidth-svgMargin // x2 is the earliest
	xOf := func(t time.Time) int {
		f := float64(t.Sub(lo)) / float64(span)
		return x2 - int(f*float64(x2-x1))
	}
	sv := &timelineSVG{Width: svgWidth, AxisY: timelineAxisY, AxisX1: x1, AxisX2: x2}
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
	for _, t := range ticks(lo, hi) {
		sv.Ticks = append(sv.Ticks, svgTick{X: xOf(t.at), Label: t.label})
	}
	return sv
}

type tick struct {
	at    time.Time
	label string
}

// ticks picks about six readable date marks between lo and hi.
func ticks(lo, hi time.Time) []tick {
	var out []tick
	d := hi.Sub(lo)
	switch {
	case d <= 45*24*time.Hour:
		step := max(1, int(d.Hours()/24/6))
		for t := lo.Truncate(24 * time.Hour); !t.After(hi); t = t.AddDate(0, 0, step) {
			if !t.Before(lo) {
				out = append(out, tick{t, t.Format("01-02")})
			}
		}
	case d <= 3*366*24*time.Hour:
		step := max(1, int(d.Hours()/24/30/6))
		for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, step, 0) {
			if !t.Before(lo) {
				out = append(out, tick{t, t.Format("2006-01")})
			}
		}
	default:
		step := max(1, int(d.Hours()/24/365/6))
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
