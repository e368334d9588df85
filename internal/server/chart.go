package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/taqrir/taqrir/internal/app"
)

// volumeChart is the articles-per-month bar chart of the home page, drawn
// as inline SVG on the server (no script).
type volumeChart struct {
	Width, Height int
	Bars          []bar
}

type bar struct {
	X, Y, W, H int
	Label      string
	Title      string
	ShowLabel  bool
}

// buildVolume lays out the dated months as bars (undated articles are not
// a month), oldest first; nil when fewer than two months have articles.
func buildVolume(points []app.VolumePoint) *volumeChart {
	points = slices.Clone(points)
	slices.SortStableFunc(points, func(a, b app.VolumePoint) int { return strings.Compare(a.Month, b.Month) })
	var dated []app.VolumePoint
	var top int64
	for _, p := range points {
		if p.Month != "unknown" {
			dated = append(dated, p)
			top = max(top, p.Count)
		}
	}
	if len(dated) < 2 || top == 0 {
		return nil // one month is no trend
	}
	const w, h, pad = 600, 160, 20
	c := &volumeChart{Width: w, Height: h + pad}
	bw := max(2, (w-10)/len(dated))
	every := max(1, len(dated)/8)
	for i, p := range dated {
		bh := int(float64(h-10) * float64(p.Count) / float64(top))
		c.Bars = append(c.Bars, bar{X: 5 + i*bw, Y: h - bh, W: max(1, bw-2), H: bh, Label: p.Month,
			Title: fmt.Sprintf("%s: %d", p.Month, p.Count), ShowLabel: i%every == 0})
	}
	return c
}
