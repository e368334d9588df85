package report

import "sort"

// coverage counts articles per source, per day of publication and per
// (source, day), duplicates included: a copy is still coverage.
func coverage(docs []*doc) Coverage {
	src := map[string]*Count{}
	day := map[string]*Count{}
	cell := map[[2]string]int{}
	for _, d := range docs {
		var c Citation
		if len(d.sents) > 0 {
			c = d.cite(0)
		} else {
			c = d.citeSpan(0, 0)
		}
		s := d.a.Source
		if s == "" {
			s = "unknown"
		}
		for _, m := range []struct {
			m   map[string]*Count
			key string
		}{{src, s}, {day, d.day}} {
			x := m.m[m.key]
			if x == nil {
				x = &Count{Key: m.key}
				m.m[m.key] = x
			}
			x.Count++
			x.Citations = append(x.Citations, c)
		}
		cell[[2]string{s, d.day}]++
	}
	cov := Coverage{Sources: []Count{}, Days: []Count{}, Cells: []Cell{}}
	for _, x := range src {
		cov.Sources = append(cov.Sources, *x)
	}
	sort.Slice(cov.Sources, func(i, j int) bool {
		a, b := cov.Sources[i], cov.Sources[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Key < b.Key
	})
	for _, x := range day {
		cov.Days = append(cov.Days, *x)
	}
	// "unknown" sorts after every digit-led day.
	sort.Slice(cov.Days, func(i, j int) bool { return cov.Days[i].Key < cov.Days[j].Key })
	for k, n := range cell {
		cov.Cells = append(cov.Cells, Cell{Source: k[0], Day: k[1], Count: n})
	}
	sort.Slice(cov.Cells, func(i, j int) bool {
		a, b := cov.Cells[i], cov.Cells[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Day < b.Day
	})
	return cov
}
