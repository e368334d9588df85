package stance

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// toy is a small training set written for the tests: restatements agree,
// negated or reversed statements disagree, unrelated ones are other.
func toy() []Pair {
	var out []Pair
	subjects := []string{"الحكومة", "الوزير", "البرلمان", "الشركة", "المجلس", "الرئيس"}
	objects := []string{"الخطة", "الاتفاق", "القانون", "الميزانية", "المشروع", "العرض"}
	for i, s := range subjects {
		for j, o := range objects {
			a := s + " توافق على " + o + " الجديد"
			out = append(out,
				Pair{a, "موافقة " + s + " على " + o, Agree},
				Pair{a, s + " ترفض " + o + " الجديد", Disagree},
				Pair{a, s + " لم توافق على " + o + " الجديد", Disagree},
			)
			if (i+j)%3 == 0 {
				out = append(out, Pair{a, "أمطار غزيرة تغرق شوارع المدينة الساحلية", Other})
			}
		}
	}
	return out
}

func TestTrainRoundTripDeterministic(t *testing.T) {
	pairs := toy()
	opt := TrainOptions{Seed: 7, Bits: 14, Runs: 2, Info: "toy"}
	m, err := Train(pairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	Tune(m, pairs)
	var b1, b2 bytes.Buffer
	if err := m.Write(&b1); err != nil {
		t.Fatal(err)
	}
	m2, err := Train(pairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	Tune(m2, pairs)
	if err := m2.Write(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two trainings with the same seed wrote different models")
	}
	r, err := ReadModel(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Info != "toy" || r.Bits != 14 || r.Size() != m.Size() || len(r.Mined) != len(m.Mined) || r.Base != m.Base || r.Offset != m.Offset {
		t.Errorf("read back %q bits %d size %d mined %d base %+v; wrote %q %d %d %d %+v",
			r.Info, r.Bits, r.Size(), len(r.Mined), r.Base, m.Info, m.Bits, m.Size(), len(m.Mined), m.Base)
	}
	// The toy model has learnt the toy rules, on pairs it did not see.
	for _, tc := range []struct {
		a, b string
		want Label
	}{
		{"النقابة توافق على الاتفاق الجديد", "موافقة النقابة على الاتفاق", Agree},
		{"النقابة توافق على الاتفاق الجديد", "النقابة ترفض الاتفاق الجديد", Disagree},
		{"النقابة توافق على الاتفاق الجديد", "أمطار غزيرة تغرق شوارع المدينة الساحلية", Other},
	} {
		l1, c1 := m.Decide(tc.a, tc.b)
		l2, c2 := r.Decide(tc.a, tc.b)
		if l1 != tc.want || l1 != l2 || c1 != c2 {
			t.Errorf("(%q, %q): trained %s %.3f, read back %s %.3f; want %s", tc.a, tc.b, l1, c1, l2, c2, tc.want)
		}
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}); !errors.Is(err, ErrNoData) {
		t.Errorf("Train(nil) = %v, want ErrNoData", err)
	}
	if _, err := Train(toy(), TrainOptions{Bits: 40}); err == nil {
		t.Error("Train with Bits 40: no error")
	}
	if _, err := Train([]Pair{{"أ", "ب", Label(9)}}, TrainOptions{}); err == nil {
		t.Error("Train with label 9: no error")
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	var good bytes.Buffer
	m, err := Train(toy(), TrainOptions{Bits: 12, Runs: 1, Epochs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Write(&good); err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	zr, _ := gzip.NewReader(bytes.NewReader(good.Bytes()))
	var raw bytes.Buffer
	raw.ReadFrom(zr)
	cases := map[string][]byte{
		"empty":        nil,
		"not gzip":     []byte("TAQRIR-STANCE-1"),
		"bad magic":    gz([]byte("TAQRIR-NER-3xxxxxxxx")),
		"truncated":    gz(raw.Bytes()[:raw.Len()/2]),
		"huge bits":    gz(append([]byte(magic+string(rune(len(featuresVersion)))+featuresVersion+"\x00"), 60)),
		"old features": gz([]byte(magic + "\x0a2000-01-01")),
	}
	for name, b := range cases {
		if _, err := ReadModel(bytes.NewReader(b)); !errors.Is(err, ErrBadModel) {
			t.Errorf("%s: err %v, want ErrBadModel", name, err)
		}
	}
}

func TestScoreLabels(t *testing.T) {
	gold := []Label{Agree, Agree, Disagree, Disagree, Other}
	got := []Label{Agree, Disagree, Disagree, Disagree, Disagree}
	s := ScoreLabels("x", gold, got)
	// agree P 1 R .5 F1 2/3; disagree P 2/4 R 1 F1 2/3; other 0.
	want := (2.0/3 + 2.0/3 + 0) / 3
	if fmt.Sprintf("%.6f", s.MacroF1) != fmt.Sprintf("%.6f", want) || s.Accuracy != 0.6 || s.Confused[Other][Disagree] != 1 {
		t.Errorf("macro %v accuracy %v confusion %v; want %v 0.6", s.MacroF1, s.Accuracy, s.Confused, want)
	}
}

// ansDir is where the ANS stance files lie when the shared data is present
// beside the repository (see ../shared/data/README.md), or $TAQRIR_ANS.
func ansDir() string {
	if d := os.Getenv("TAQRIR_ANS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "..", "shared", "data", "ans")
}

// devFloor is the dev macro-F1 the shipped model reached (79.4, MODEL.md)
// less a point and a half: the features stand on internal/arabic and the
// gazetteer, which change under the model, and one "other" pair of the 16
// moves the macro-F1 by a point. A change that loses more fails here:
// retrain (taqrir train stance) and look.
const devFloor = 0.78

func TestDevFloor(t *testing.T) {
	ansDev := filepath.Join(ansDir(), "stance-dev.csv")
	pairs, err := ReadFile(ansDev)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("ANS dev split not found at %s (see ../shared/data/README.md, or set TAQRIR_ANS to its directory); skipping the dev floor", ansDev)
	}
	if err != nil {
		t.Fatal(err)
	}
	rep := EvaluateAll(Default(), ansDev, pairs)
	t.Logf("dev macro-F1 %.3f (majority %.3f, overlap %.3f)", rep.Model.MacroF1, rep.Majority.MacroF1, rep.Overlap.MacroF1)
	if rep.Model.MacroF1 < devFloor {
		t.Errorf("dev macro-F1 %.3f below the floor %.3f", rep.Model.MacroF1, devFloor)
	}
	if rep.Model.MacroF1 < rep.Overlap.MacroF1+0.05 || rep.Model.MacroF1 < rep.Majority.MacroF1+0.05 {
		t.Errorf("model %.3f does not beat the baselines (majority %.3f, overlap %.3f) by 5 points", rep.Model.MacroF1, rep.Majority.MacroF1, rep.Overlap.MacroF1)
	}
	for _, c := range rep.Model.Classes {
		if c.F1 < 0.65 {
			t.Errorf("%s F1 %.3f below 0.65", c.Label, c.F1)
		}
	}
}
