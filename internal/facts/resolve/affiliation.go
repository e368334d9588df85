package resolve

import (
	"strings"

	"github.com/taqrir/taqrir/internal/news"
)

// orgHeadAt reports whether token k is an institution's head noun, with
// an optional clitic (بجامعة، لمركز); it returns the byte offset where the
// head starts.
func (r *resolver) orgHeadAt(k int) (int, bool) {
	if k < 0 || k >= len(r.toks) || r.toks[k].punct {
		return 0, false
	}
	t := r.toks[k]
	if orgHeads[t.f] {
		return t.start, true
	}
	for _, p := range []string{"و", "ب", "ل", "ف"} {
		if rest, ok := strings.CutPrefix(t.f, p); ok && orgHeads[rest] {
			return t.start + len(p), true
		}
	}
	return 0, false
}

// definite reports a word with the article (الأفريقي، والاتحاد).
func (r *resolver) definite(k int) bool {
	f := r.toks[k].f
	return strings.HasPrefix(f, "ال") || strings.HasPrefix(f, "وال") || strings.HasPrefix(f, "بال") || strings.HasPrefix(f, "لل")
}

// personAfterOrg finds where an institution's name, whose words start at
// token from, gives way to a person's name: the first token s ≥ minStart,
// before limit, that is a given name, or the first bare word after a
// definite one (… الاتحاد الأفريقي نكوسي مابيزا: a genitive chain of
// definite words cannot go on with a bare noun), and that opens two to
// four name words ending at a clause boundary. Tokens of the name may be
// free or already a person's (cover); it returns the name's tokens [s,e).
func (r *resolver) personAfterOrg(from, minStart, limit int, cover []string) (s, e int, ok bool) {
	limit = min(limit, len(r.toks))
	for s = from; s < limit; s++ {
		if r.toks[s].punct || isMarker(r.toks[s].f) {
			return 0, 0, false
		}
		if s < minStart || !r.nameWord(s, true) {
			continue
		}
		if !r.givenName(s) && !(s > from && r.definite(s-1)) {
			continue
		}
		if s > from {
			if n, _ := r.roleAt(s-1, s); n > 0 || honorifics[r.toks[s-1].f] {
				continue // جامعة الملك سعود: a title inside the institution's name
			}
		}
		e = s
		for e < len(r.toks) && e-s < maxName && (cover[e] == "" || cover[e] == news.EntityPerson) && r.nameWord(e, e == s) {
			e++
		}
		if e-s >= 2 && r.boundary(e) {
			return s, e, true
		}
	}
	return 0, 0, false
}

// affiliations separates institutions from the persons named after them:
// an organisation mention that ran on over a person's name (مفوضية
// الاتحاد الأفريقي نكوسي + مابيزا), a person mention right after an
// institution's head noun (جامعة + عمر المختار منصور الدرسي: the
// university is جامعة عمر المختار, the person منصور الدرسي; with no person
// left, the whole is the institution), and an expert's or official's
// affiliation before his name that no mention covered (الباحث في مركز
// القرن الأفريقي للدراسات ياسر الحاج). ms is sorted; so is the result.
func (r *resolver) affiliations(ms []Mention) []Mention {
	cover := make([]string, len(r.toks))
	for _, m := range ms {
		a, b := r.tokenRange(m.Start, m.End)
		for k := a; k < b; k++ {
			cover[k] = m.Type
		}
	}
	var out []Mention
	changed := false
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		a, b := r.tokenRange(m.Start, m.End)
		switch {
		case m.Type == news.EntityOrg && b-a >= 2:
			min := a + 1
			if _, head := r.orgHeadAt(a); head {
				min = a + 2
			}
			if bestEntry(m.Text) != nil {
				break // a name the gazetteer knows whole
			}
			for k := a; k < b; k++ {
				cover[k] = "" // the mention's own words may be the name's
			}
			s, e, ok := r.personAfterOrg(a, min, b, cover)
			if !ok {
				for k := a; k < b; k++ {
					cover[k] = m.Type
				}
				break
			}
			for k := a; k < s; k++ {
				cover[k] = news.EntityOrg
			}
			out = append(out, r.mention(r.toks[a].start, r.toks[s-1].end, news.EntityOrg))
			out = append(out, r.mention(r.toks[s].start, r.toks[e-1].end, news.EntityPerson))
			for k := s; k < e; k++ {
				cover[k] = news.EntityPerson
			}
			for i+1 < len(ms) && ms[i+1].Start < r.toks[e-1].end {
				i++ // a mention the person's name takes in (مابيزا)
			}
			changed = true
			continue
		case m.Type == news.EntityPerson:
			hs, head := r.orgHeadAt(a - 1)
			if !head || cover[a-1] != "" {
				break
			}
			out = append(out, r.splitAtHead(hs, a-1, b, cover)...)
			changed = true
			continue
		}
		out = append(out, m)
	}
	if changed {
		sortMentions(out)
		ms = out
		out = nil
	} else {
		out = out[:0]
	}
	// Affiliations no mention covered: a title, its complement and في
	// before an institution (الباحث في مركز …، مدير مستشفى …).
	extra := r.affiliated(cover)
	if len(extra) == 0 {
		return ms
	}
	for _, x := range extra {
		for _, m := range ms {
			if m.Start < x.End && x.Start < m.End && (m.Start < x.Start || m.End > x.End) {
				// A mention crossing the new span's edge: keep the old reading.
				goto skip
			}
		}
		out = append(out, x)
	skip:
	}
	for _, m := range ms {
		inside := false
		for _, x := range out {
			if x.Start <= m.Start && m.End <= x.End {
				inside = true // الأفريقي inside مركز القرن الأفريقي للدراسات
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	sortMentions(out)
	return out
}

// splitAtHead reads a person mention [a,b) after the institution head at
// token h (starting at byte hs): the institution and the person named
// after it, or the institution alone.
func (r *resolver) splitAtHead(hs, h, b int, cover []string) []Mention {
	if s, e, ok := r.personAfterOrg(h+1, h+2, b, cover); ok {
		for k := s; k < e; k++ {
			cover[k] = news.EntityPerson
		}
		return []Mention{
			r.mention(hs, r.toks[s-1].end, news.EntityOrg),
			r.mention(r.toks[s].start, r.toks[e-1].end, news.EntityPerson),
		}
	}
	for k := h; k < b; k++ {
		cover[k] = news.EntityOrg
	}
	return []Mention{r.mention(hs, r.toks[b-1].end, news.EntityOrg)}
}

// affiliated finds the institution and the person after a title or an
// expert's descriptor, with up to two complement words and في (or in
// construct: مدير مستشفى …), where no mention covers either: الباحث في
// مركز القرن الأفريقي للدراسات ياسر الحاج.
func (r *resolver) affiliated(cover []string) []Mention {
	var out []Mention
	for k := 0; k < len(r.toks); k++ {
		n, _ := r.roleAt(k, len(r.toks))
		if n == 0 {
			continue
		}
		for j := k + n; j <= k+n+3 && j < len(r.toks); j++ {
			if r.toks[j].punct || cover[j] == news.EntityPerson {
				break
			}
			hs, head := r.orgHeadAt(j)
			if !head || (j > k+n && r.toks[j-1].f != "في") {
				continue
			}
			s, e, ok := r.personAfterOrg(j+1, j+2, j+10, cover)
			if !ok {
				break
			}
			free := true
			for x := s; x < e; x++ {
				free = free && cover[x] == ""
			}
			if !free {
				break
			}
			out = append(out, r.mention(hs, r.toks[s-1].end, news.EntityOrg), r.mention(r.toks[s].start, r.toks[e-1].end, news.EntityPerson))
			for x := j; x < e; x++ {
				cover[x] = news.EntityPerson
			}
			k = e - 1
			break
		}
	}
	return out
}

func (r *resolver) mention(s, e int, typ string) Mention {
	return Mention{Start: s, End: e, Type: typ, Text: r.text[s:e]}
}
