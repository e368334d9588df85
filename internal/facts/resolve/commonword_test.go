package resolve

import (
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/news"
)

func TestOneWordOrganisationThatIsAlsoAWord(t *testing.T) {
	tests := []struct {
		name, text, mention string
		kept                bool
	}{
		{"a verb", "وينص الاتفاق على سحب القوات، وفتح ثلاثة ممرات إنسانية.", "فتح", false},
		{"a noun", "وعبر الأهالي عن أمل كبير في عودة الهدوء.", "أمل", false},
		{"next to حماس", "اتفقت حركتا حماس وفتح على تشكيل حكومة.", "فتح", true},
		{"after حركة", "قالت حركة فتح في بيان إن الاجتماع تأجل.", "فتح", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := strings.Index(tt.text, tt.mention)
			es := Resolve(tt.text, []Mention{{Start: s, End: s + len(tt.mention), Type: news.EntityOrg}})
			if got := len(es) == 1; got != tt.kept {
				t.Errorf("Resolve(%q) = %+v, want kept %v", tt.text, es, tt.kept)
			}
		})
	}
}
