package report_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// TestActorsAnAnalystCanRead: a people and a capital fold into their
// country, a place named with its kind into the bare name, part of a name
// into the one full name that holds it, a name cut at its first letter is
// made whole, and what is typed MISC is no actor; nor are a body named by
// its kind only (القوات الخاصة), a platform (تويتر), an operation (عملية
// غصن الزيتون); a word glued after a name (التابعة) or a country's
// adjective after a place (جنوة الإيطالية) is taken off.
func TestActorsAnAnalystCanRead(t *testing.T) {
	a := art("a", "صدى", "2025-03-20",
		"وقال الأتراك إن تركيا سترد، فيما صمتت أنقرة.",
		"وضرب زلزال جزيرة لومبوك صباحا، وقال سكان لومبوك إن المباني انهارت.",
		"وقتل أبو مهدي المهندس في الغارة، وكان أبو مهدي قد وصل للتو.",
		"ووصل الوفد إلى يونغ يانغ قادما من كوريا الجنوبية، ثم عاد إلى كوريا الشمالية، وقالت كوريا إنها ترحب.",
		"وتحدث الجميع عن الاتفاق النووي.",
		"وأعلنت السعودية دعمها، وقالت المملكة إنها سترسل وفدا.",
		"وقالت محكمة إن أندرو برانسون باق، وطالب أندرو برونسون بالإفراج عنه، فيما التقى سامر الحلبي بسامر الخطيب.",
		"وانتشرت القوات المسلحة الأردنية، وقال متحدث باسم لقوات المسلحة الأردنية إن الهجوم على سيرغي سكريبال مدان، وزار سيرغي سكريبال المستشفى.",
		"ودخلت القوات الخاصة الكهف، وكتب الوزير على تويتر أن شركة أوتوستراد التابعة لمجموعة أتلانتيا مسؤولة، وأن جنوة الإيطالية حزينة، وزار الوزير جنوة.",
		"وبدأت عملية «غصن الزيتون» في يناير.")
	for _, e := range []struct{ text, typ string }{
		{"الأتراك", news.EntityMisc}, {"تركيا", news.EntityPlace}, {"أنقرة", news.EntityPlace},
		{"جزيرة لومبوك", news.EntityPlace}, {"لومبوك", news.EntityPlace},
		{"أبو مهدي المهندس", news.EntityPerson}, {"أبو مهدي", news.EntityPerson},
		{"يونغ يانغ", news.EntityPlace}, {"كوريا الجنوبية", news.EntityPlace}, {"كوريا الشمالية", news.EntityPlace}, {"كوريا", news.EntityPlace},
		{"الاتفاق النووي", news.EntityMisc},
		{"السعودية", news.EntityPlace}, {"المملكة", news.EntityPlace},
		{"أندرو برانسون", news.EntityPerson}, {"أندرو برونسون", news.EntityPerson}, {"سامر الحلبي", news.EntityPerson}, {"سامر الخطيب", news.EntityPerson},
		{"القوات المسلحة الأردنية", news.EntityOrg}, {"لقوات المسلحة الأردنية", news.EntityOrg},
		{"القوات الخاصة", news.EntityOrg}, {"تويتر", news.EntityOrg}, {"شركة أوتوستراد التابعة", news.EntityOrg}, {"شركة أوتوستراد", news.EntityOrg},
		{"جنوة الإيطالية", news.EntityPlace}, {"جنوة", news.EntityPlace}, {"غصن الزيتون", news.EntityPerson}, {"على سيرغي سكريبال", news.EntityPerson}, {"سيرغي سكريبال", news.EntityPerson},
	} {
		addEntAt(&a, e.text, e.typ)
	}
	r := build(t, []news.Article{a}, report.Options{})
	names := map[string]report.Actor{}
	for _, x := range r.Actors {
		names[x.Name] = x
	}
	for _, want := range []struct {
		name    string
		aliases []string
	}{
		{"تركيا", []string{"الأتراك", "أنقرة"}},
		{"لومبوك", []string{"جزيرة لومبوك"}},
		{"أبو مهدي المهندس", []string{"أبو مهدي"}},
		{"بيونغ يانغ", []string{"يونغ يانغ"}},
		{"كوريا", nil}, // two Koreas could be meant: kept apart
		{"السعودية", []string{"المملكة"}},
		{"القوات المسلحة الأردنية", []string{"لقوات المسلحة الأردنية"}},
		{"شركة أوتوستراد", []string{"شركة أوتوستراد التابعة"}},
		{"جنوة", []string{"جنوة الإيطالية"}},
		{"سيرغي سكريبال", []string{"على سيرغي سكريبال"}},
		{"سامر الحلبي", nil}, // two people with one given name stay two
		{"سامر الخطيب", nil},
	} {
		x, ok := names[want.name]
		if !ok {
			t.Errorf("no actor %s in %v", want.name, r.Actors)
			continue
		}
		for _, al := range want.aliases {
			if !slices.Contains(x.Aliases, al) {
				t.Errorf("actor %s: aliases %v, want %s among them", want.name, x.Aliases, al)
			}
		}
	}
	spellings := 0
	for _, n := range []string{"أندرو برانسون", "أندرو برونسون"} {
		if _, ok := names[n]; ok {
			spellings++
		}
	}
	if spellings != 1 {
		t.Errorf("أندرو برانسون and أندرو برونسون: %d actors, want one", spellings)
	}
	for _, gone := range []string{"الأتراك", "أنقرة", "جزيرة لومبوك", "أبو مهدي", "يونغ يانغ", "الاتفاق النووي", "المملكة", "لقوات المسلحة الأردنية", "على سيرغي سكريبال",
		"القوات الخاصة", "تويتر", "شركة أوتوستراد التابعة", "جنوة الإيطالية", "غصن الزيتون"} {
		if _, ok := names[gone]; ok {
			t.Errorf("%s is an actor of its own", gone)
		}
	}
}

// addEntAt marks every whole-word occurrence of text as an entity, but
// not «كوريا» inside «كوريا الجنوبية».
func addEntAt(a *news.Article, text, typ string) {
	body := a.Body()
	found := false
	for i := 0; i < len(body); {
		j := strings.Index(body[i:], text)
		if j < 0 {
			break
		}
		j += i
		end := j + len(text)
		r, _ := utf8.DecodeRuneInString(body[end:])
		rest := strings.TrimPrefix(body[end:], " ")
		if !unicode.IsLetter(r) && !strings.HasPrefix(rest, "الجنوبية") && !strings.HasPrefix(rest, "الشمالية") && !strings.HasPrefix(rest, "المهندس") {
			a.Entities = append(a.Entities, news.Entity{Text: text, Type: typ, Start: j, End: end})
			found = true
		}
		i = end
	}
	if !found {
		panic("addEntAt: " + text)
	}
}
