package arabic

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"sync"
)

// fingerprintProbe is text written by us that exercises the rules an index
// depends on: clitics, affixes, the protected lexicon, aliases and nisbas,
// foreign-name folding, digits, stopwords, the second key of a possible
// clitic and the verb-masdar key of DerivKey. A change in how any of these
// words is keyed changes Fingerprint.
const fingerprintProbe = `والأميركيين الأمريكية أمريكا ترمب ترامب بوتين بوتن العراقيين والعراق
الولايات واشنطن بغداد بطاطس كتاب بلاد فلسطين وبالحكومة الحكومات حكومتهم المفاوضات
مباحثات محادثات انسحاب سحب المعلمون معلمو سنتين سكتان الطبي الطب قوات القوى
ديفيس ديفيز سيمبسون زيلينسكي زيلنسكي غوتيريش جوتيريس طيران جيران بقطارات بكين لندن
استخدام يستخدم اعتراض يعترض تسجيل يسجل غنت المدن خمسة
٢٬٥٠٠ 3.5 ٢٠٢٠ في من على إلى الى التي الذين كانت سيلتقي وسيلتقون فلسطينية للمدينة`

// movedFingerprint and legacyFingerprint carry indexes across the move of
// the word lists from Go literals to lexicon/*.tsv. Before it, Fingerprint
// hashed the text of the literals, which the move could not keep; since,
// it hashes the tables as parsed. The parsed tables and probe keys that
// give movedFingerprint are exactly those the literals gave (the move
// changed no entry), so they keep the value indexes were built under.
// Any change to a table or to the keys gives another value, as before.
const (
	movedFingerprint  = "5e81060d7057a3c6"
	legacyFingerprint = "9627a2ccbb883811"
)

var fingerprint = sync.OnceValue(func() string {
	loadTables()
	if f := tablesFingerprint(); f != movedFingerprint {
		return f
	}
	return legacyFingerprint
})

// tablesFingerprint hashes the lexicon tables as built, in sorted order,
// and the keys of fingerprintProbe: how the files are laid out (line
// order where no form is listed twice, comments, spacing) does not change
// it; an entry that changes what a form resolves to does.
func tablesFingerprint() string {
	h := fnv.New64a()
	field := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	section := func(name string, keys []string, value func(k string) string) {
		field(name)
		slices.Sort(keys)
		for _, k := range keys {
			field(k)
			field(value(k))
		}
	}
	section("lexicon", slices.Collect(maps.Keys(lexicon)), func(k string) string {
		e := lexicon[k]
		return fmt.Sprintf("%s\t%s\t%v", e.stem, e.key, e.stop)
	})
	section("skeleton", slices.Collect(maps.Keys(skeleton)), func(k string) string {
		e := skeleton[k]
		return fmt.Sprintf("%s\t%d\t%d", e.key, e.minLen, e.maxLen)
	})
	section("singular", slices.Collect(maps.Keys(singularKey)), func(k string) string { return singularKey[k] })
	section("digits", slices.Collect(maps.Keys(digitKey)), func(k string) string { return digitKey[k] })
	field("probe")
	var n [8]byte
	eachTerm(fingerprintProbe, true, func(start, end int, key, alt string, stop bool) {
		binary.LittleEndian.PutUint32(n[:4], uint32(start))
		binary.LittleEndian.PutUint32(n[4:], uint32(end))
		h.Write(n[:])
		field(key)
		field(alt)
		h.Write([]byte(DerivKey(key)))
		if stop {
			h.Write([]byte{1})
		}
		h.Write([]byte{0})
	})
	return fmt.Sprintf("%016x", h.Sum64())
}

// Fingerprint identifies the behaviour of the index keys: it changes when
// the word tables the keys depend on change (not when they are only
// reformatted), or when the keys of a probe text covering the stemmer's
// rules change. An index built under another fingerprint holds stale keys
// and must be rebuilt. Synonyms are left out: they only widen queries and
// never reach an index.
func Fingerprint() string { return fingerprint() }
