package extract

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/source"
)

const (
	arUTF8  = "قال وزير الخارجية إن المحادثات في الدوحة ستستأنف الأسبوع المقبل."
	arUTF8b = "وأضاف أن الوفدين اتفقا على فتح ممرين إنسانيين."
	arUTF8c = "وأعلنت الأمم المتحدة أن قافلة مساعدات دخلت المدينة صباح اليوم."
)

// mojibake1252 is UTF-8 text read as windows-1252 the way browsers read it
// (the bytes 1252 leaves undefined become U+0081…) and written as UTF-8.
func mojibake1252(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		r := charmap.Windows1252.DecodeByte(s[i])
		if r == utf8.RuneError {
			r = rune(s[i])
		}
		b.WriteRune(r)
	}
	return b.String()
}

// enc1256 is arabic text as windows-1256 bytes.
func enc1256(t testing.TB, s string) []byte {
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mojibake is UTF-8 text read in a code page and written out as UTF-8.
func mojibake(t testing.TB, s string, cm *charmap.Charmap) string {
	out, err := cm.NewDecoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func latin1(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		mx   Mixed
	}{
		{"clean utf-8", []byte(arUTF8 + "\n" + arUTF8b), arUTF8 + "\n" + arUTF8b, Mixed{}},
		{"pasted windows-1256 paragraph",
			append(append([]byte(arUTF8+"\n<p>"), enc1256(t, arUTF8b)...), "</p>\n"+arUTF8...),
			arUTF8 + "\n<p>" + arUTF8b + "</p>\n" + arUTF8, Mixed{Legacy: 1, LegacyEnc: "windows-1256"}},
		// "غدا،" in windows-1256 holds C7 A1, a valid UTF-8 pair by chance.
		{"windows-1256 with a chance UTF-8 pair",
			append([]byte(arUTF8+"\n"), enc1256(t, "قالوا إنها ستبدأ غدا، وإن الوفد وصل")...),
			arUTF8 + "\nقالوا إنها ستبدأ غدا، وإن الوفد وصل", Mixed{Legacy: 1, LegacyEnc: "windows-1256"}},
		{"mojibake via windows-1256",
			[]byte(arUTF8 + "\n" + mojibake(t, arUTF8b, charmap.Windows1256)),
			arUTF8 + "\n" + arUTF8b, Mixed{Mojibake: 8}},
		{"mojibake via windows-1252",
			[]byte(mojibake1252(arUTF8) + "\n" + arUTF8b),
			arUTF8 + "\n" + arUTF8b, Mixed{Mojibake: 10}},
		{"mojibake via latin-1",
			[]byte(latin1(arUTF8b)),
			arUTF8b, Mixed{Mojibake: 8}},
		// 1252 without a character for 81 turned ف into U+FFFD: lost.
		{"lossy mojibake left alone",
			[]byte(mojibake(t, "في", charmap.Windows1252)),
			mojibake(t, "في", charmap.Windows1252), Mixed{}},
		{"stray latin-1 bytes are replaced",
			append([]byte(arUTF8+" caf"), 0xE9, ' ', 'o', 'k'),
			arUTF8 + " caf\uFFFD ok", Mixed{Replaced: 1}},
		// One short mojibake word alone is not certain: left as it is.
		{"short mojibake alone", []byte("قال " + mojibake(t, "في", charmap.Windows1256) + " الدوحة"),
			"قال " + mojibake(t, "في", charmap.Windows1256) + " الدوحة", Mixed{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, mx := Repair(tc.in)
			if got != tc.want {
				t.Errorf("Repair =\n%q\nwant\n%q", got, tc.want)
			}
			if mx != tc.mx {
				t.Errorf("Mixed = %+v, want %+v", mx, tc.mx)
			}
			if (mx.Note() == "") != (tc.mx == Mixed{}) {
				t.Errorf("Note() = %q for %+v", mx.Note(), mx)
			}
		})
	}
}

// TestRepairLeavesCorpusAlone: no word of the sample corpus (real Arabic
// news, UTF-8) is taken for mojibake.
func TestRepairLeavesCorpusAlone(t *testing.T) {
	n := 0
	err := fs.WalkDir(corpus.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.FS(), path)
		if err != nil || !utf8.Valid(data) {
			return err
		}
		n++
		if got, mx := Repair(data); got != string(data) || mx != (Mixed{}) {
			t.Errorf("%s: Repair changed a clean file (%+v)", path, mx)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d corpus files read", n)
	}
}

// TestMixedEncodingPage: a page declared UTF-8 with a windows-1256
// paragraph pasted into it is read whole, and the item says so.
func TestMixedEncodingPage(t *testing.T) {
	page := []byte(`<html><head><meta charset="utf-8"><title>محادثات الدوحة</title></head><body><article>` +
		"<p>" + arUTF8 + "</p><p>")
	page = append(page, enc1256(t, arUTF8b)...)
	page = append(page, "</p><p>"+mojibake(t, arUTF8c, charmap.Windows1256)+"</p></article></body></html>"...)
	res, err := ItemMeta(source.FormatHTML, page, PageMeta{URL: "https://example.com/a"})
	if err != nil {
		t.Fatal(err)
	}
	body := res.Article.Body()
	if want := arUTF8 + "\n\n" + arUTF8b + "\n\n" + arUTF8c; body != want {
		t.Errorf("body not repaired:\n%s\nwant\n%s", body, want)
	}
	if note := res.Note(); !strings.Contains(note, "windows-1256") || !strings.Contains(note, "mojibake") {
		t.Errorf("Note() = %q, want it to name windows-1256 and the mojibake", note)
	}
}

// TestMixedEncodingText: the same in a .txt item, and a JSONL item with
// mojibake in its text.
func TestMixedEncodingText(t *testing.T) {
	txt := append([]byte("محادثات الدوحة\n\n"+arUTF8+" "+arUTF8c+"\n\n"), enc1256(t, arUTF8b)...)
	res, err := ItemMeta(source.FormatText, txt, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	if body := res.Article.Body(); !strings.Contains(body, arUTF8b) || res.Mixed.Legacy != 1 {
		t.Errorf("txt: body %q, Mixed %+v", body, res.Mixed)
	}
	line := `{"title": "محادثات الدوحة", "text": "` + mojibake(t, arUTF8, charmap.Windows1256) + `"}`
	res, err = ItemMeta(source.FormatJSONL, []byte(line), PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	if body := res.Article.Body(); body != arUTF8 || res.Mixed.Mojibake == 0 || res.Note() == "" {
		t.Errorf("jsonl: body %q, Mixed %+v, note %q", body, res.Mixed, res.Note())
	}
}

// FuzzRepair: Repair never panics, returns valid UTF-8, leaves valid
// UTF-8 without mojibake leads alone, and is idempotent.
func FuzzRepair(f *testing.F) {
	f.Add([]byte(arUTF8))
	f.Add(append([]byte(arUTF8+"\n"), enc1256(f, arUTF8b)...))
	f.Add([]byte(mojibake(f, arUTF8, charmap.Windows1256)))
	f.Add([]byte(mojibake(f, arUTF8, charmap.Windows1252)))
	f.Add([]byte(latin1(arUTF8b)))
	f.Add([]byte{0xD8, 0xA7, 0xC7, 0xA1, 0xE1, 0xFF, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, mx := Repair(data)
		if !utf8.ValidString(got) {
			t.Fatalf("Repair(%q) = %q: not valid UTF-8", data, got)
		}
		if utf8.Valid(data) && !mayHaveMojibake(string(data)) && (got != string(data) || mx != (Mixed{})) {
			t.Fatalf("Repair changed valid text %q to %q", data, got)
		}
		if mx.Legacy < 0 || mx.Mojibake < 0 || mx.Replaced < 0 {
			t.Fatalf("negative counts %+v", mx)
		}
		again, _ := Repair([]byte(got))
		if !utf8.ValidString(again) {
			t.Fatalf("second Repair gave invalid UTF-8")
		}
	})
}

// BenchmarkRepairCleanArabic: what the mojibake check costs every item of
// clean Arabic text (it must find nothing).
func BenchmarkRepairCleanArabic(b *testing.B) {
	data := []byte(strings.Repeat(arUTF8+" "+arUTF8b+" "+arUTF8c+"\n", 1000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, mx := Repair(data); mx != (Mixed{}) {
			b.Fatal(mx)
		}
	}
}
