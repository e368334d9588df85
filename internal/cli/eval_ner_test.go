package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/eval"
)

func TestEvalNERCommand(t *testing.T) {
	dir := t.TempDir()
	conll := filepath.Join(dir, "dev.conll")
	if err := os.WriteFile(conll, []byte("وصل O\nالرئيس O\nحسني B-PERS\nمبارك I-PERS\nإلى O\nدمشق B-LOC\n. O\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.conll")
	if err := os.WriteFile(bad, []byte("بوش PERSON\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exclusions := filepath.Join(dir, "without.tsv")
	if err := os.WriteFile(exclusions, []byte("# a comment\nperson\tمحمد أبو تريكة\nperson\tشخص لا يعرفه أحد\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  string
	}{
		{"scores a file", []string{"eval", "ner", conll}, 0, []string{"PERS   1     1          1        100.0", "micro  2     2          2        100.0  100.0  100.0", "1 sentences, 7 tokens"}, ""},
		{"json", []string{"--json", "eval", "ner", "--sentence", conll}, 0, []string{`"type": "micro"`, `"correct": 2`}, ""},
		{"bad tag names the line", []string{"eval", "ner", bad}, 1, nil, "bad.conll:1: tag \"PERSON\""},
		{"missing file", []string{"eval", "ner", filepath.Join(dir, "nope")}, 1, nil, "no such file"},
		{"train needs data", []string{"train", "ner", "--dev"}, 1, nil, "--corpus DIR|FILE is required"},
		{"train needs out or dev", []string{"train", "ner", "--corpus", conll}, 1, nil, "give --out FILE"},
		{"train rejects a bad split", []string{"train", "ner", "--corpus", conll, "--dev", "--split", "odd"}, 1, nil, `--split "odd"`},
		{"train rejects block 10", []string{"train", "ner", "--corpus", conll, "--dev", "--split", "block:10"}, 1, nil, `--split "block:10"`},
		{"exclusions are for measuring", []string{"train", "ner", "--corpus", conll, "--out", filepath.Join(dir, "m"), "--without-gazetteer", conll}, 1, nil, "--without-gazetteer is for measuring"},
		{"exclusion file with a bad line", []string{"train", "ner", "--corpus", conll, "--dev", "--without-gazetteer", conll}, 1, nil, "dev.conll:1: want kind<TAB>canonical"},
		{"exclusion of an entry the gazetteer lacks", []string{"train", "ner", "--corpus", conll, "--dev", "--without-gazetteer", exclusions}, 1, nil, "names no gazetteer entry"},
		{"the old --data spelling still works, with a warning", []string{"train", "ner", "--data", conll}, 1, nil, "train ner --data is deprecated: use --corpus"},
		{"--data and --corpus naming two corpora", []string{"train", "ner", "--data", conll, "--corpus", bad, "--dev"}, 1, nil, "name different corpora"},
		{"eval ner --format conll", []string{"eval", "ner", "--format", "CoNLL", conll}, 0, []string{"micro  2     2          2        100.0  100.0  100.0"}, ""},
		{"eval ner --format rejects others", []string{"eval", "ner", "--format", "xml", conll}, 1, nil, `--format "xml": want auto, conll or wojood`},
		{"eval ner --conll still works, with a warning", []string{"eval", "ner", "--conll", conll}, 0, []string{"micro  2     2          2        100.0  100.0  100.0"}, "--conll is deprecated: use --format conll"},
		{"eval ner --wojood and --format conll disagree", []string{"eval", "ner", "--wojood", "--format", "conll", conll}, 1, nil, "disagree"},
		{"cross-validation writes no model", []string{"train", "ner", "--corpus", conll, "--dev", "--split", "cv", "--out", filepath.Join(dir, "m")}, 1, nil, "drop --out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, errb.String())
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			if tt.wantErr != "" && !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr lacks %q: %s", tt.wantErr, errb.String())
			}
		})
	}
}

func TestTrainNERWritesAModel(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "train.txt")
	var b strings.Builder
	for _, name := range []string{"سمير", "نادر", "كريم", "هشام", "سمير", "نادر", "كريم", "هشام", "سمير", "نادر"} {
		b.WriteString("قال O\n" + name + " B-PERS\nفي O\nدمشق B-LOC\n\n")
	}
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.bin.gz")
	var out, errb bytes.Buffer
	args := []string{"train", "ner", "--corpus", dir, "--epochs", "2", "--bits", "12", "--out", model}
	if code := Main(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("train exit %d: %s", code, errb.String())
	}
	out.Reset()
	args = []string{"eval", "ner", "--model", model, data}
	if code := Main(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("eval exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "10 sentences, 40 tokens") {
		t.Errorf("eval of the trained model:\n%s", out.String())
	}
}

// TestTrainNERCrossValidation: --split cv trains ten models, each without
// one tenth of the sentences, and scores that tenth. Every sentence names
// a person the others also name, so every fold finds them.
func TestTrainNERCrossValidation(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "train.txt")
	var b strings.Builder
	for i := 0; i < 40; i++ {
		name := []string{"سمير", "نادر", "كريم", "هشام"}[i%4]
		b.WriteString("قال O\n" + name + " B-PERS\nفي O\nدمشق B-LOC\n\n")
	}
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := []string{"--json", "train", "ner", "--corpus", data, "--dev", "--split", "cv", "--epochs", "2", "--bits", "12"}
	if code := Main(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got struct {
		Folds []struct {
			Fold     int     `json:"fold"`
			Sentence float64 `json:"sentence"`
			Document float64 `json:"document"`
		} `json:"folds"`
		MeanSentence float64      `json:"mean_sentence"`
		MeanDocument float64      `json:"mean_document"`
		Seen         eval.NERSeen `json:"seen_document"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if len(got.Folds) != 10 {
		t.Fatalf("%d folds, want 10", len(got.Folds))
	}
	sum := 0.0
	for i, f := range got.Folds {
		if f.Fold != i || f.Sentence < 0 || f.Sentence > 100 {
			t.Errorf("fold %d: %+v", i, f)
		}
		sum += f.Sentence
	}
	if d := sum/10 - got.MeanSentence; d > 1e-9 || d < -1e-9 {
		t.Errorf("mean_sentence %.3f, folds average %.3f", got.MeanSentence, sum/10)
	}
	// Every person and place recurs, so every held-out entity was seen in
	// the other folds' sentences.
	if got.Seen.Seen.Gold != 80 || got.Seen.Unseen.Gold != 0 {
		t.Errorf("seen_document %+v: want the 80 held-out entities all seen", got.Seen)
	}
	if got.MeanSentence < 90 {
		t.Errorf("mean micro F1 %.1f on a corpus of four repeated names, want >= 90", got.MeanSentence)
	}
}

// TestTailPromptedEntriesExist: every entry of the shipped exclusion list
// names a gazetteer entry, so --without-gazetteer with it never fails and
// never silently leaves one in.
func TestTailPromptedEntriesExist(t *testing.T) {
	ex, err := readExclusions("../facts/ner/tail_prompted.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) < 60 {
		t.Fatalf("%d entries, want the 66 of MODEL.md", len(ex))
	}
	if e := unknownEntry(ex); e != "" {
		t.Errorf("%q names no gazetteer entry", e)
	}
}
