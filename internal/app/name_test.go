package app

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidNameIsTheRegexp: validName accepts exactly what the regexp it
// replaced accepted.
func TestValidNameIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[\p{L}\p{N}_.-]{1,64}$`)
	for _, name := range []string{
		"", "a", "ci-bot_2.0", "نشرة-الصباح", "٢٠٢٥", "Ⅻ", "½", "x y", "a/b", "a\n", "\n", "$",
		"مُحمد",                      // a harakah is a mark (Mn), not a letter
		"\xff", "ab\xc3", "a\uFFFDb", // not UTF-8, and the replacement character
		strings.Repeat("ب", 64), strings.Repeat("ب", 65), strings.Repeat("x", 64), strings.Repeat("x", 65),
		"_", ".", "-", "..", "a:b", "ä", "日本", "🙂",
	} {
		if got, want := validName(name), re.MatchString(name); got != want {
			t.Errorf("validName(%q) = %v, the regexp says %v", name, got, want)
		}
		if err := CheckName("token", name); (err == nil) != validName(name) {
			t.Errorf("CheckName(%q) = %v, validName says %v", name, err, validName(name))
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ { // every character alone
		if name := string(r); validName(name) != re.MatchString(name) {
			t.Errorf("validName(%q) = %v, the regexp says otherwise", name, validName(name))
		}
	}
}
