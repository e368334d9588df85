package arabic

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
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

var fingerprint = sync.OnceValue(func() string {
	h := fnv.New64a()
	for _, data := range []string{stopwordData, protectedData, aliasData, brokenPluralData, numberData} {
		h.Write([]byte(data))
		h.Write([]byte{0})
	}
	var n [8]byte
	EachTermAlt(fingerprintProbe, func(start, end int, key, alt string, stop bool) {
		binary.LittleEndian.PutUint32(n[:4], uint32(start))
		binary.LittleEndian.PutUint32(n[4:], uint32(end))
		h.Write(n[:])
		h.Write([]byte(key))
		h.Write([]byte{0})
		h.Write([]byte(alt))
		h.Write([]byte{0})
		h.Write([]byte(DerivKey(key)))
		if stop {
			h.Write([]byte{1})
		}
		h.Write([]byte{0})
	})
	return fmt.Sprintf("%016x", h.Sum64())
})

// Fingerprint identifies the behaviour of the index keys: it changes when
// the word lists the keys depend on change, or when the keys of a probe
// text covering the stemmer's rules change. An index built under another
// fingerprint holds stale keys and must be rebuilt. Synonyms are left out:
// they only widen queries and never reach an index.
func Fingerprint() string { return fingerprint() }
