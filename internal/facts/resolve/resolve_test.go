package resolve

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/news"
)

// at builds a mention of the n-th (0-based) occurrence of s in text.
func at(text, s string, n int, typ string) Mention {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			panic("test: " + s + " not in text")
		}
		if i == n {
			return Mention{Start: off + j, End: off + j + len(s), Type: typ, Text: s}
		}
		off += j + len(s)
	}
}

// brief is what the table tests compare: an entity without offsets.
type brief struct {
	Text, Type, Canonical, Role, Of, In string
	Metonymy                            bool
}

func briefs(es []news.Entity) []brief {
	var out []brief
	for _, e := range es {
		out = append(out, brief{e.Text, e.Type, e.Canonical, e.Role, e.Of, e.In, e.Metonymy})
	}
	return out
}

const (
	pers = news.EntityPerson
	loc  = news.EntityPlace
	org  = news.EntityOrg
	misc = news.EntityMisc
)

func TestResolve(t *testing.T) {
	type m struct {
		s   string
		n   int
		typ string
	}
	tests := []struct {
		name     string
		text     string
		mentions []m
		want     []brief
	}{
		{
			name:     "title before the name",
			text:     "وقال الرئيس الأميركي جو بايدن إن الاتفاق قريب.",
			mentions: []m{{"الأميركي", 0, misc}, {"جو بايدن", 0, pers}},
			want: []brief{
				{Text: "الأميركي", Type: loc, Canonical: "الولايات المتحدة"},
				{Text: "جو بايدن", Type: pers, Canonical: "جو بايدن", Role: "رئيس", Of: "الولايات المتحدة"},
			},
		},
		{
			name:     "title inside the mention",
			text:     "وقال الرئيس الأميركي جو بايدن إن الاتفاق قريب.",
			mentions: []m{{"الرئيس الأميركي جو بايدن", 0, pers}},
			want: []brief{
				{Text: "الرئيس الأميركي جو بايدن", Type: pers, Canonical: "جو بايدن", Role: "رئيس", Of: "الولايات المتحدة"},
			},
		},
		{
			name:     "surname takes the full name",
			text:     "التقى جو بايدن الوفد. وقال بايدن إن الاجتماع مثمر.",
			mentions: []m{{"جو بايدن", 0, pers}, {"بايدن", 1, pers}},
			want: []brief{
				{Text: "جو بايدن", Type: pers, Canonical: "جو بايدن"},
				{Text: "بايدن", Type: pers, Canonical: "جو بايدن"},
			},
		},
		{
			name:     "surname the tagger missed",
			text:     "وصل سامي الحداد إلى العاصمة. وأضاف الحداد أن الزيارة تستمر يومين.",
			mentions: []m{{"سامي الحداد", 0, pers}},
			want: []brief{
				{Text: "سامي الحداد", Type: pers, Canonical: "سامي الحداد"},
				{Text: "الحداد", Type: pers, Canonical: "سامي الحداد"},
			},
		},
		{
			name:     "ambassador: role, of and in",
			text:     "وقال السفير الأميركي في العراق ماثيو تولر إن الحوار مستمر.",
			mentions: []m{{"الأميركي", 0, misc}, {"العراق", 0, loc}, {"ماثيو تولر", 0, pers}},
			want: []brief{
				{Text: "الأميركي", Type: loc, Canonical: "الولايات المتحدة"},
				{Text: "العراق", Type: loc, Canonical: "العراق"},
				{Text: "ماثيو تولر", Type: pers, Canonical: "ماثيو تولر", Role: "سفير", Of: "الولايات المتحدة", In: "العراق"},
			},
		},
		{
			name:     "minister with nisba",
			text:     "وقال وزير الخارجية العراقي فؤاد حسين إن بغداد ترحب بالمبادرة.",
			mentions: []m{{"العراقي", 0, misc}, {"فؤاد حسين", 0, pers}, {"بغداد", 0, loc}},
			want: []brief{
				{Text: "العراقي", Type: loc, Canonical: "العراق"},
				{Text: "فؤاد حسين", Type: pers, Canonical: "فؤاد حسين", Role: "وزير الخارجية", Of: "العراق"},
				{Text: "بغداد", Type: loc, Canonical: "العراق", Metonymy: true},
			},
		},
		{
			name:     "person found from the title alone",
			text:     "وقال وزير الخارجية العراقي فؤاد حسين إن الاجتماع انتهى.",
			mentions: nil,
			want: []brief{
				{Text: "فؤاد حسين", Type: pers, Canonical: "فؤاد حسين", Role: "وزير الخارجية", Of: "العراق"},
			},
		},
		{
			name:     "no person invented after a bare title",
			text:     "وأكد الرئيس التزام بلاده بالاتفاق.",
			mentions: nil,
			want:     nil,
		},
		{
			name: "one country, many spellings",
			text: "زار الوفد الولايات المتحدة ثم عاد إلى أميركا، وقالت أمريكا إن القوات الأمريكية باقية.",
			mentions: []m{
				{"الولايات المتحدة", 0, loc}, {"أميركا", 0, loc}, {"أمريكا", 0, loc}, {"الأمريكية", 0, misc},
			},
			want: []brief{
				{Text: "الولايات المتحدة", Type: loc, Canonical: "الولايات المتحدة"},
				{Text: "أميركا", Type: loc, Canonical: "الولايات المتحدة"},
				{Text: "أمريكا", Type: loc, Canonical: "الولايات المتحدة"},
				{Text: "الأمريكية", Type: loc, Canonical: "الولايات المتحدة"},
			},
		},
		{
			name:     "capital as agent, capital as place",
			text:     "أعلنت واشنطن فرض عقوبات جديدة، وعقد الاجتماع في واشنطن.",
			mentions: []m{{"واشنطن", 0, loc}, {"واشنطن", 1, loc}},
			want: []brief{
				{Text: "واشنطن", Type: loc, Canonical: "الولايات المتحدة", Metonymy: true},
				{Text: "واشنطن", Type: loc, Canonical: "واشنطن"},
			},
		},
		{
			name:     "capital before its verb and between two capitals",
			text:     "موسكو ترفض العرض. وتستمر المحادثات بين واشنطن وطهران في مسقط.",
			mentions: []m{{"موسكو", 0, loc}, {"واشنطن", 0, loc}, {"طهران", 0, loc}, {"مسقط", 0, loc}},
			want: []brief{
				{Text: "موسكو", Type: loc, Canonical: "روسيا", Metonymy: true},
				{Text: "واشنطن", Type: loc, Canonical: "الولايات المتحدة", Metonymy: true},
				{Text: "طهران", Type: loc, Canonical: "إيران", Metonymy: true},
				{Text: "مسقط", Type: loc, Canonical: "مسقط"},
			},
		},
		{
			name:     "political noun before a capital",
			text:     "وانتقد البيان موقف بكين من الأزمة.",
			mentions: []m{{"بكين", 0, loc}},
			want:     []brief{{Text: "بكين", Type: loc, Canonical: "الصين", Metonymy: true}},
		},
		{
			name:     "organisation alias",
			text:     "وقال الناتو إن التدريبات دفاعية.",
			mentions: []m{{"الناتو", 0, org}},
			want:     []brief{{Text: "الناتو", Type: org, Canonical: "حلف شمال الأطلسي"}},
		},
		{
			name:     "spokesman with an organisation",
			text:     "وقال المتحدث باسم الوزارة حيدر الساعدي إن الحصة ثابتة.",
			mentions: []m{{"حيدر الساعدي", 0, pers}},
			want:     []brief{{Text: "حيدر الساعدي", Type: pers, Canonical: "حيدر الساعدي", Role: "متحدث باسم الوزارة"}},
		},
		{
			name:     "touching person mentions and a given name before one are joined",
			text:     "وترأس الوفد نائب وزير الخارجية علي رضا نجفي، وحضر الاجتماع خالد عبد الرحيم.",
			mentions: []m{{"علي", 0, pers}, {"رضا نجفي", 0, pers}, {"عبد الرحيم", 0, pers}},
			want: []brief{
				{Text: "علي رضا نجفي", Type: pers, Canonical: "علي رضا نجفي", Role: "نائب وزير الخارجية"},
				{Text: "خالد عبد الرحيم", Type: pers, Canonical: "خالد عبد الرحيم"},
			},
		},
		{
			name:     "nisba inside the person mention",
			text:     "وقال وزير الدولة القطري سالم الكواري إن الجولة انتهت.",
			mentions: []m{{"القطري سالم الكواري", 0, pers}},
			want: []brief{
				{Text: "القطري سالم الكواري", Type: pers, Canonical: "سالم الكواري", Role: "وزير الدولة", Of: "قطر"},
			},
		},
		{
			name:     "no person from a bare title and a place-like word",
			text:     "وقال محافظ ميسان في بيان إن الدوام معطل، وقال رئيس قسم البحوث إن الأرقام جيدة.",
			mentions: nil,
			want:     nil,
		},
		{
			name:     "a given name after a bare title makes a person",
			text:     "وقال الوزير سامي الحداد إن الأرقام جيدة.",
			mentions: nil,
			want:     []brief{{Text: "سامي الحداد", Type: pers, Canonical: "سامي الحداد", Role: "وزير"}},
		},
		{
			name:     "a verb the tagger took into a name",
			text:     "وترى ليلى بن عمار أن البطالة تتفاقم.",
			mentions: []m{{"وترى ليلى بن عمار", 0, pers}},
			want:     []brief{{Text: "ليلى بن عمار", Type: pers, Canonical: "ليلى بن عمار"}},
		},
		{
			name:     "a ministry is told apart by its country",
			text:     "وأعلنت وزارة الخارجية العمانية أن الجولة انتهت، ورحبت الخارجية الأميركية بالنتيجة.",
			mentions: []m{{"وزارة الخارجية", 0, org}, {"العمانية", 0, misc}, {"الخارجية الأميركية", 0, org}},
			want: []brief{
				{Text: "وزارة الخارجية", Type: org, Canonical: "وزارة الخارجية (عمان)", Of: "عمان"},
				{Text: "العمانية", Type: loc, Canonical: "عمان"},
				{Text: "الخارجية الأميركية", Type: org, Canonical: "وزارة الخارجية (الولايات المتحدة)", Of: "الولايات المتحدة"},
			},
		},
		{
			name:     "a capital the tagger took for a person",
			text:     "قالت بكين إن الرسوم تضر بالتجارة.",
			mentions: []m{{"بكين", 0, pers}},
			want:     []brief{{Text: "بكين", Type: loc, Canonical: "الصين", Metonymy: true}},
		},
		{
			name:     "envoy to a country",
			text:     "وقال المبعوث الأممي إلى اليمن هانس غروندبرغ إن الهدنة صامدة.",
			mentions: []m{{"هانس غروندبرغ", 0, pers}},
			want:     []brief{{Text: "هانس غروندبرغ", Type: pers, Canonical: "هانس غروندبرغ", Role: "مبعوث", Of: "الأمم المتحدة", In: "اليمن"}},
		},
		{
			name:     "a country is a place whatever the tagger typed its nisba or name",
			text:     "وقال وزير الدولة القطري إن الوساطة القطرية مستمرة، فيما رحبت قطر ومصر بالاتفاق.",
			mentions: []m{{"القطري", 0, misc}, {"القطرية", 0, misc}, {"قطر", 2, org}, {"مصر", 0, misc}},
			want: []brief{
				{Text: "القطري", Type: loc, Canonical: "قطر"},
				{Text: "القطرية", Type: loc, Canonical: "قطر"},
				{Text: "قطر", Type: loc, Canonical: "قطر"},
				{Text: "مصر", Type: loc, Canonical: "مصر"},
			},
		},
		{
			name:     "an other-typed alias takes the type of the body it names",
			text:     "وقال المبعوث الأممي إن الهدنة صامدة.",
			mentions: []m{{"الأممي", 0, misc}},
			want:     []brief{{Text: "الأممي", Type: org, Canonical: "الأمم المتحدة"}},
		},
		{
			name:     "an organisation does not run on over the person after it",
			text:     "وقال المتحدث باسم مفوضية الاتحاد الأفريقي نكوسي مابيزا إن المفوضية ستشارك.",
			mentions: []m{{"مفوضية الاتحاد الأفريقي نكوسي", 0, org}},
			want: []brief{
				{Text: "مفوضية الاتحاد الأفريقي", Type: org, Canonical: "مفوضية الاتحاد الأفريقي"},
				{Text: "نكوسي مابيزا", Type: pers, Canonical: "نكوسي مابيزا", Role: "متحدث باسم مفوضية الاتحاد الأفريقي"},
			},
		},
		{
			name:     "an organisation that took a given name gives it back to the surname",
			text:     "وقال مدير برنامج الأغذية العالمي ديفيد بيزلي إن المساعدات وصلت.",
			mentions: []m{{"برنامج الأغذية العالمي ديفيد", 0, org}, {"بيزلي", 0, pers}},
			want: []brief{
				{Text: "برنامج الأغذية العالمي", Type: org, Canonical: "برنامج الأغذية العالمي"},
				{Text: "ديفيد بيزلي", Type: pers, Canonical: "ديفيد بيزلي"},
			},
		},
		{
			name:     "a university named after a king, then its professor",
			text:     "وقال أستاذ الاقتصاد في جامعة الملك سعود فهد العتيبي إن الأسعار سترتفع.",
			mentions: []m{{"الملك سعود فهد العتيبي", 0, pers}},
			want: []brief{
				{Text: "جامعة الملك سعود", Type: org, Canonical: "جامعة الملك سعود"},
				{Text: "فهد العتيبي", Type: pers, Canonical: "فهد العتيبي", Role: "أستاذ الاقتصاد في جامعة الملك سعود"},
			},
		},
		{
			name:     "a person's name after an institution's head noun is the institution's",
			text:     "نقل المصابون إلى مستشفى الملك فهد في جدة.",
			mentions: []m{{"الملك فهد", 0, pers}, {"جدة", 0, loc}},
			want: []brief{
				{Text: "مستشفى الملك فهد", Type: org, Canonical: "مستشفى الملك فهد"},
				{Text: "جدة", Type: loc, Canonical: "جدة"},
			},
		},
		{
			name: "an expert's affiliation before his name, with no mention",
			text: "وقالت الخبيرة في معهد الدراسات الاستراتيجية ليلى حداد إن التضخم سيتراجع.",
			want: []brief{
				{Text: "معهد الدراسات الاستراتيجية", Type: org, Canonical: "معهد الدراسات الاستراتيجية"},
				{Text: "ليلى حداد", Type: pers, Canonical: "ليلى حداد", Role: "خبيرة في معهد الدراسات الاستراتيجية"},
			},
		},
		{
			name:     "a name inside the affiliation is part of it",
			text:     "وقال المحلل في مركز الأهرام للدراسات عمرو الشوبكي إن الانتخابات محسومة.",
			mentions: []m{{"الأهرام", 0, org}},
			want: []brief{
				{Text: "مركز الأهرام للدراسات", Type: org, Canonical: "مركز الأهرام للدراسات"},
				{Text: "عمرو الشوبكي", Type: pers, Canonical: "عمرو الشوبكي", Role: "محلل في مركز الأهرام للدراسات"},
			},
		},
		{
			name:     "a surname the tagger took for a body is the person named before",
			text:     "وقالت المحللة سلمى العبدالله إن الأسعار ستتراجع. وأكدت العبدالله أن البنك سيخفض الفائدة.",
			mentions: []m{{"سلمى العبدالله", 0, pers}, {"العبدالله", 1, org}},
			want: []brief{
				{Text: "سلمى العبدالله", Type: pers, Canonical: "سلمى العبدالله", Role: "محللة"},
				{Text: "العبدالله", Type: pers, Canonical: "سلمى العبدالله"},
			},
		},
		{
			name:     "a generic noun, a number phrase or an adjective of nothing is no entity",
			text:     "وارتفع المؤشر بنسبة 2.1 في السلطنة، وسط مشاركة عربية واسعة في سد النهضة.",
			mentions: []m{{"بنسبة 2.1", 0, misc}, {"السلطنة", 0, loc}, {"عربية", 0, misc}, {"سد", 0, loc}},
			want:     nil,
		},
		{
			name:     "a region's adjective names the region",
			text:     "وأبدت دول أوروبية والاتحاد الأفريقي دعمها، وقال مسؤول خليجي إن الدعم مستمر.",
			mentions: []m{{"أوروبية", 0, misc}, {"خليجي", 0, misc}},
			want: []brief{
				{Text: "أوروبية", Type: loc, Canonical: "أوروبا"},
				{Text: "خليجي", Type: loc, Canonical: "الخليج"},
			},
		},
		{
			name:     "overlapping and broken mentions are dropped",
			text:     "زار الوفد العراق.",
			mentions: []m{{"العراق", 0, loc}, {"العر", 0, loc}, {"الوفد العراق", 0, org}},
			want:     []brief{{Text: "الوفد العراق", Type: org, Canonical: "الوفد العراق"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []Mention
			for _, x := range tt.mentions {
				ms = append(ms, at(tt.text, x.s, x.n, x.typ))
			}
			got := Resolve(tt.text, ms)
			for _, e := range got {
				if e.Text != tt.text[e.Start:e.End] {
					t.Errorf("entity %q is not text[%d:%d]", e.Text, e.Start, e.End)
				}
			}
			if diff := cmp.Diff(tt.want, briefs(got)); diff != "" {
				t.Errorf("Resolve (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCanonicalOf(t *testing.T) {
	tests := []struct {
		name, in, want string
		known          bool
	}{
		{"country alias", "أمريكا", "الولايات المتحدة", true},
		{"other spelling", "أميركا", "الولايات المتحدة", true},
		{"nisba", "الأميركية", "الولايات المتحدة", true},
		{"nisba iraq", "العراقي", "العراق", true},
		{"org alias", "الناتو", "حلف شمال الأطلسي", true},
		{"city stays", "واشنطن", "واشنطن", true},
		{"title stripped", "الرئيس الأميركي جو بايدن", "جو بايدن", true},
		{"unknown name", "سامي الحداد", "سامي الحداد", false},
		{"national ministry", "وزارة الخارجية العمانية", "وزارة الخارجية (عمان)", true},
		{"ministry alias", "الخارجية الأمريكية", "وزارة الخارجية (الولايات المتحدة)", true},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, known := CanonicalOf(tt.in)
			if got != tt.want || known != tt.known {
				t.Errorf("CanonicalOf(%q) = %q, %v; want %q, %v", tt.in, got, known, tt.want, tt.known)
			}
		})
	}
}

func TestAliases(t *testing.T) {
	got := Aliases("الولايات المتحدة")
	for _, want := range []string{"الولايات المتحدة", "أمريكا", "أميركا"} {
		if !contains(got, want) {
			t.Errorf("Aliases(الولايات المتحدة) = %q, missing %q", got, want)
		}
	}
	for _, a := range got {
		if c, _ := CanonicalOf(a); c != "الولايات المتحدة" {
			t.Errorf("alias %q resolves to %q", a, c)
		}
	}
	if got := Aliases("سامي الحداد"); !cmp.Equal(got, []string{"سامي الحداد"}) {
		t.Errorf("Aliases of an unknown name = %q, want just the name", got)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func checkEntities(t *testing.T, text string, es []news.Entity) {
	t.Helper()
	for i, e := range es {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			t.Fatalf("entity %d: span [%d,%d) outside text of %d bytes", i, e.Start, e.End, len(text))
		}
		if e.Text != text[e.Start:e.End] || e.Canonical == "" {
			t.Fatalf("entity %d: text or canonical wrong: %+v", i, e)
		}
		if utf8.ValidString(text) && !utf8.ValidString(e.Canonical) {
			t.Fatalf("entity %d: invalid UTF-8 canonical", i)
		}
		if i > 0 && es[i-1].Start > e.Start {
			t.Fatalf("entities not sorted at %d", i)
		}
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("وقال الرئيس الأميركي جو بايدن إن واشنطن ترفض. وأضاف بايدن", 5, 20, 30, 50)
	f.Add("السفير الأميركي في العراق ماثيو تولر", 0, 10, 12, 40)
	f.Add("بين واشنطن وطهران", 0, 3, 4, 30)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		ms := []Mention{{Start: a, End: b, Type: pers}, {Start: c, End: d, Type: loc}, {Start: b, End: c, Type: "X"}}
		checkEntities(t, text, Resolve(text, ms))
		CanonicalOf(text)
		Aliases(text)
	})
}

func TestSalient(t *testing.T) {
	tests := []struct {
		e    news.Entity
		want bool
	}{
		{news.Entity{Text: "بنسبة 2.1", Type: misc}, false},
		{news.Entity{Text: "بـ132 مقعدا", Type: misc}, false},
		{news.Entity{Text: "سلطنة", Type: loc, Canonical: "سلطنة"}, false},
		{news.Entity{Text: "السد", Type: org, Canonical: "السد"}, false},
		{news.Entity{Text: "والمحافظة", Type: loc}, false},
		{news.Entity{Text: "أوروبية", Type: misc, Canonical: "أوروبية"}, false},
		{news.Entity{Text: "العربي", Type: misc, Canonical: "العربي"}, false},
		{news.Entity{Text: "سلطنة عمان", Type: loc, Canonical: "عمان"}, true},
		{news.Entity{Text: "إيجي إكس 30", Type: misc, Canonical: "إيجي إكس 30"}, true},
		{news.Entity{Text: "القطرية", Type: loc, Canonical: "قطر"}, true},
		{news.Entity{Text: "الدعم السريع", Type: org, Canonical: "الدعم السريع"}, true},
		{news.Entity{Text: "ياسر الحاج", Type: pers, Canonical: "ياسر الحاج"}, true},
		{news.Entity{Text: "صنعاء", Type: loc, Canonical: "صنعاء"}, true},
	}
	for _, tc := range tests {
		if got := Salient(tc.e); got != tc.want {
			t.Errorf("Salient(%+v) = %v, want %v", tc.e, got, tc.want)
		}
	}
}
