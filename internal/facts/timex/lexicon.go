package timex

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/wordtable"
)

// The word lists date and time expressions are read by are data, not
// code: they live in lexicon/*.tsv, written by the taqrir authors, each
// file opening with comment lines that say what it holds, where it comes
// from and how it is written. They are embedded in the binary and parsed
// on first use (loadLexicon), not at init. Every word is written as a
// reader writes it and keyed by its arabic.Fold form, so أبريل, ابريل and
// إبريل all meet.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// unit is a calendar or clock unit.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
	uHour
	uMinute
	uDecade
)

// unitWord is one written form of a unit: its count (1 singular, 2 dual,
// 0 plural that needs a count) .
type unitWord struct {
	u     unit
	count int
}

// The tables of lexicon/*.tsv, folded, filled by loadLexicon; the files
// say what each holds.
var (
	// vocab holds every folded word of the tables: any matcher can start
	// with or look at only these, so a token outside it (and not a
	// number) cannot open an expression, which spares most tokens the
	// matchers.
	vocab map[string]bool

	unitWords map[string]unitWord // units.tsv
	// hijri.tsv: one-word Hijri months, and the two-word ones by their
	// first word, then the qualifier after it
	hijriOne map[string]int
	hijriTwo map[string]map[string]int

	// numbered.tsv: word → month, weekday, ordinal, hour, count, hour
	// shift of a period word, twelfths of a unit
	monthWords, weekdays, ordinalUnits, hourWords, countWords, periodWords, wUnitFraction map[string]int

	// word sets of words.tsv
	firstWords, secondWord, ambiguousMonths, hijriMarks, ordTeen, ordTwenty, ordThirty, modPast map[string]bool
	modNext, modCurrent, modRecent, wTomorrow, wNight, wDay, wDate, wMonth                      map[string]bool
	wYearCue, wDual, wThis, wTo, wAgo, wHour, wHalf, wQuarter                                   map[string]bool
	wToQuarter, wQuarterAcc, wThird, wGregorian, wTZ, wGMT, wApprox, wSome                      map[string]bool
	dayParts, pmParts, periodParts, yearCues, monthCues, vaguePlurals, durationCues, defWeek    map[string]bool
	defMonth, defYear, publicNouns                                                              map[string]bool

	// single words of words.tsv
	kanun, tishrin, tishrin2, wToday, wYesterday, wFrom, wBetween, wAnd, wAfter string
	wSince, wAwwal, wNow, wHadi, wFew, wLocal, wMukarrama, wSharp, wAshr        string
	wAshra, wOn, wGhad, wGhadan, wBoth, wAtNight, wMadar, wMada, wTogether      string
)

// setVars, valuedVars and singleVars are the sets words.tsv and
// numbered.tsv must define, each with the variable loadLexicon fills from
// it.
func setVars() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"firstWords": &firstWords, "secondWord": &secondWord, "ambiguousMonths": &ambiguousMonths, "hijriMarks": &hijriMarks, "ordTeen": &ordTeen,
		"ordTwenty": &ordTwenty, "ordThirty": &ordThirty, "modPast": &modPast, "modNext": &modNext, "modCurrent": &modCurrent,
		"modRecent": &modRecent, "wTomorrow": &wTomorrow, "wNight": &wNight, "wDay": &wDay, "wDate": &wDate,
		"wMonth": &wMonth, "wYearCue": &wYearCue, "wDual": &wDual, "wThis": &wThis, "wTo": &wTo,
		"wAgo": &wAgo, "wHour": &wHour, "wHalf": &wHalf, "wQuarter": &wQuarter, "wToQuarter": &wToQuarter,
		"wQuarterAcc": &wQuarterAcc, "wThird": &wThird, "wGregorian": &wGregorian, "wTZ": &wTZ, "wGMT": &wGMT,
		"wApprox": &wApprox, "wSome": &wSome, "dayParts": &dayParts, "pmParts": &pmParts, "periodParts": &periodParts,
		"yearCues": &yearCues, "monthCues": &monthCues, "vaguePlurals": &vaguePlurals, "durationCues": &durationCues, "defWeek": &defWeek,
		"defMonth": &defMonth, "defYear": &defYear, "publicNouns": &publicNouns,
	}
}

func singleVars() map[string]*string {
	return map[string]*string{
		"kanun": &kanun, "tishrin": &tishrin, "tishrin2": &tishrin2, "wToday": &wToday, "wYesterday": &wYesterday,
		"wFrom": &wFrom, "wBetween": &wBetween, "wAnd": &wAnd, "wAfter": &wAfter, "wSince": &wSince,
		"wAwwal": &wAwwal, "wNow": &wNow, "wHadi": &wHadi, "wFew": &wFew, "wLocal": &wLocal,
		"wMukarrama": &wMukarrama, "wSharp": &wSharp, "wAshr": &wAshr, "wAshra": &wAshra, "wOn": &wOn,
		"wGhad": &wGhad, "wGhadan": &wGhadan, "wBoth": &wBoth, "wAtNight": &wAtNight, "wMadar": &wMadar,
		"wMada": &wMada, "wTogether": &wTogether,
	}
}

func valuedVars() map[string]*map[string]int {
	return map[string]*map[string]int{
		"months":        &monthWords,
		"weekdays":      &weekdays,
		"ordinals":      &ordinalUnits,
		"hours":         &hourWords,
		"counts":        &countWords,
		"periodWords":   &periodWords,
		"unitFractions": &wUnitFraction,
	}
}

// lexicon is the parsed content of lexicon/*.tsv, folded.
type lexicon struct {
	vocab    map[string]bool
	sets     map[string]map[string]bool
	singles  map[string]string
	valued   map[string]map[string]int
	units    map[string]unitWord
	hijriOne map[string]int
	hijriTwo map[string]map[string]int
}

// word folds w and records it in the vocabulary.
func (lx *lexicon) word(w string) string {
	f := arabic.Fold(w)
	lx.vocab[f] = true
	return f
}

var unitNames = map[string]unit{"day": uDay, "week": uWeek, "month": uMonth, "year": uYear, "hour": uHour, "minute": uMinute, "decade": uDecade}

var unitCounts = map[string]int{"singular": 1, "dual": 2, "plural": 0}

// readLexicon reads the tables of fsys (lexiconFiles, or a rewritten copy
// in tests).
func readLexicon(fsys fs.FS) (*lexicon, error) {
	lx := &lexicon{
		vocab: map[string]bool{}, sets: map[string]map[string]bool{}, singles: map[string]string{},
		valued: map[string]map[string]int{}, units: map[string]unitWord{},
		hijriOne: map[string]int{}, hijriTwo: map[string]map[string]int{},
	}
	singles, valued := singleVars(), valuedVars()
	names := slices.Sorted(maps.Keys(setVars()))
	names = append(names, slices.Sorted(maps.Keys(singles))...)
	sets, err := wordtable.Sets(fsys, "lexicon/words.tsv", wordtable.SetsNamed(names...)...)
	if err != nil {
		return nil, err
	}
	for name, words := range sets {
		if _, single := singles[name]; single {
			if len(words) != 1 {
				return nil, fmt.Errorf("lexicon/words.tsv: the set %q holds %d words, want one", name, len(words))
			}
			lx.singles[name] = lx.word(words[0])
			continue
		}
		m := make(map[string]bool, len(words))
		for _, w := range words {
			m[lx.word(w)] = true
		}
		lx.sets[name] = m
	}

	col := func(name string) wordtable.Column { return wordtable.Column{Name: name, Required: true} }
	list := func(name string) wordtable.Column { return wordtable.Column{Name: name, Required: true, List: true} }
	rows, err := wordtable.Read(fsys, "lexicon/numbered.tsv", col("set"), col("value"), list("words"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		name := r.Cols[0][0]
		if _, ok := valued[name]; !ok {
			return nil, r.Errorf("unknown set %q (want one of %v)", name, slices.Sorted(maps.Keys(valued)))
		}
		v, err := strconv.Atoi(r.Cols[1][0])
		if err != nil {
			return nil, r.Errorf("value %q is no integer", r.Cols[1][0])
		}
		if lx.valued[name] == nil {
			lx.valued[name] = map[string]int{}
		}
		for _, w := range r.Cols[2] {
			lx.valued[name][lx.word(w)] = v
		}
	}
	for name := range valued {
		if len(lx.valued[name]) == 0 {
			return nil, fmt.Errorf("lexicon/numbered.tsv: no words for the set %q", name)
		}
	}

	rows, err = wordtable.Read(fsys, "lexicon/units.tsv", col("unit"), col("number"), list("forms"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		u, ok := unitNames[r.Cols[0][0]]
		if !ok {
			return nil, r.Errorf("unknown unit %q (want one of %v)", r.Cols[0][0], slices.Sorted(maps.Keys(unitNames)))
		}
		n, ok := unitCounts[r.Cols[1][0]]
		if !ok {
			return nil, r.Errorf("unknown number %q (want singular, dual or plural)", r.Cols[1][0])
		}
		for _, w := range r.Cols[2] {
			lx.units[lx.word(w)] = unitWord{u, n}
		}
	}

	rows, err = wordtable.Read(fsys, "lexicon/hijri.tsv", col("month"), list("first words"), wordtable.Column{Name: "qualifiers", List: true})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		m, err := strconv.Atoi(r.Cols[0][0])
		if err != nil || m < 1 || m > 12 {
			return nil, r.Errorf("month %q is not 1 to 12", r.Cols[0][0])
		}
		for _, first := range r.Cols[1] {
			f := lx.word(first)
			if r.Cols[2] == nil {
				lx.hijriOne[f] = m
				continue
			}
			if lx.hijriTwo[f] == nil {
				lx.hijriTwo[f] = map[string]int{}
			}
			for _, q := range r.Cols[2] {
				lx.hijriTwo[f][lx.word(q)] = m
			}
		}
	}
	return lx, nil
}

var lexiconOnce sync.Once

// loadLexicon fills the tables from the embedded files the first time it
// is called; the exported functions call it first, so the rest of the
// package reads plain maps. The embedded files are part of the source,
// and TestEmbeddedLexiconParses proves they parse: a failure here is a
// broken build, reported with file and line.
func loadLexicon() {
	lexiconOnce.Do(func() {
		lx, err := readLexicon(lexiconFiles)
		if err != nil {
			panic(fmt.Sprintf("timex: embedded word list: %v", err))
		}
		for name, dst := range setVars() {
			*dst = lx.sets[name]
		}
		for name, dst := range singleVars() {
			*dst = lx.singles[name]
		}
		for name, dst := range valuedVars() {
			*dst = lx.valued[name]
		}
		vocab, unitWords, hijriOne, hijriTwo = lx.vocab, lx.units, lx.hijriOne, lx.hijriTwo
	})
}
