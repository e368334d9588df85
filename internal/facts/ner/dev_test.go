package ner

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

const anerPath = "../../../../shared/data/cleananercorp/cleananercorp_TRAIN.txt"

// readCoNLL is a minimal reader for the test (package eval has the real
// one, but eval imports ner).
func readCoNLL(t *testing.T, path string) []Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("CLEANANERCorp absent (%v): see ../shared/data/README.md", err)
	}
	defer f.Close()
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			if len(cur.Tokens) > 0 {
				out = append(out, cur)
			}
			cur = Sentence{}
			continue
		}
		cur.Tokens = append(cur.Tokens, fs[0])
		cur.Tags = append(cur.Tags, fs[1])
	}
	if len(cur.Tokens) > 0 {
		out = append(out, cur)
	}
	return out
}

// spanSet reads BIO entities as "start:end:type" strings.
func spanSet(tags []string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(tags); {
		if tags[i] == "O" {
			i++
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out[fmt.Sprintf("%d:%d:%s", i, j, typ)] = true
		i = j
	}
	return out
}

// TestDevSplit retrains on 9/10 of CLEANANERCorp TRAIN and checks the
// micro F1 on the held-out tenth stays at the level MODEL.md reports.
func TestDevSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model (~5 s)")
	}
	all := readCoNLL(t, anerPath)
	var train, dev []Sentence
	for i, s := range all {
		if i%10 == 9 {
			dev = append(dev, s)
		} else {
			train = append(train, s)
		}
	}
	m, err := Train(train, TrainOptions{Epochs: 10})
	if err != nil {
		t.Fatal(err)
	}
	tg := New(m)
	gold, pred, correct := 0, 0, 0
	for _, s := range dev {
		g, p := spanSet(s.Tags), spanSet(tg.Tag(s.Tokens))
		gold += len(g)
		pred += len(p)
		for k := range p {
			if g[k] {
				correct++
			}
		}
	}
	prec, rec := float64(correct)/float64(pred), float64(correct)/float64(gold)
	f1 := 2 * prec * rec / (prec + rec)
	t.Logf("dev: %d sentences, P %.1f R %.1f F1 %.1f", len(dev), 100*prec, 100*rec, 100*f1)
	if f1 < 0.80 {
		t.Errorf("dev micro F1 %.1f < 80", 100*f1)
	}
}
