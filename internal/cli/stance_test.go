package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStanceCommands(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("s1,s2,stance\n")
	for _, s := range []string{"الحكومة", "الوزير", "البرلمان", "الشركة", "المجلس"} {
		a := s + " توافق على الخطة الجديدة"
		b.WriteString(a + ",موافقة " + s + " على الخطة,agree\n")
		b.WriteString(a + "," + s + " ترفض الخطة الجديدة,disagree\n")
		b.WriteString(a + ",أمطار غزيرة تغرق شوارع المدينة الساحلية,other\n")
	}
	pairs := filepath.Join(dir, "pairs.csv")
	bad := filepath.Join(dir, "bad.csv")
	model := filepath.Join(dir, "m.bin.gz")
	for name, text := range map[string]string{pairs: b.String(), bad: "s1,s2,stance\nأ,ب,maybe\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  string
	}{
		{"scores a file with the baselines", []string{"eval", "stance", pairs}, 0, []string{"15 pairs (agree 5, disagree 5, other 5)", "macro-F1", "majority (", "word overlap ("}, ""},
		{"bad label names the line", []string{"eval", "stance", bad}, 1, nil, `bad.csv:2: stance: unknown label "maybe"`},
		{"missing file", []string{"eval", "stance", filepath.Join(dir, "nope.csv")}, 1, nil, "no such file"},
		{"train needs both files", []string{"train", "stance", "--train", pairs}, 1, nil, "--train FILE and --dev FILE are required"},
		{"train writes a model", []string{"train", "stance", "--train", pairs, "--dev", pairs, "--epochs", "3", "--runs", "1", "--bits", "12", "--out", model}, 0, []string{"macro-F1"}, "wrote " + model},
		{"eval with that model", []string{"eval", "stance", "--model", model, pairs}, 0, []string{"train=pairs.csv (15 pairs"}, ""},
		{"a bad model file", []string{"eval", "stance", "--model", pairs, pairs}, 1, nil, "stance: bad model file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, errs)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if tt.wantErr != "" && !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr lacks %q: %s", tt.wantErr, errs)
			}
		})
	}

	code, out, errs := run("--json", "eval", "stance", pairs)
	if code != 0 {
		t.Fatalf("--json eval stance: exit %d: %s", code, errs)
	}
	var rep struct {
		Pairs int `json:"pairs"`
		Model struct {
			MacroF1 *float64 `json:"macro_f1"`
			Classes []struct {
				Label   string   `json:"label"`
				F1      *float64 `json:"f1"`
				Support int      `json:"support"`
			} `json:"classes"`
		} `json:"model"`
		Majority struct {
			MacroF1 *float64 `json:"macro_f1"`
		} `json:"majority_baseline"`
		Overlap struct {
			MacroF1 *float64 `json:"macro_f1"`
		} `json:"overlap_baseline"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if rep.Pairs != 15 || rep.Model.MacroF1 == nil || rep.Majority.MacroF1 == nil || rep.Overlap.MacroF1 == nil || len(rep.Model.Classes) != 3 ||
		rep.Model.Classes[0].Label != "agree" || rep.Model.Classes[2].Label != "other" || rep.Model.Classes[1].Support != 5 {
		t.Errorf("JSON report lacks keys or values:\n%s", out)
	}
}
