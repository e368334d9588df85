package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// trainCmd is the developers' command that retrains the shipped models.
func (a *app) trainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:    "train",
		Short:  "Retrain taqrir's models from public data (for developers)",
		Hidden: true,
	}
	var corpus, oldData, out, without, words, mined string
	var dev, doc, cluWide, cluStrip bool
	var splitMode string
	var epochs, ensemble int
	var seed uint64
	var bits uint8
	nerCmd := &cobra.Command{
		Use:   "ner --corpus DIR|FILE [--dev] [--out FILE]",
		Short: "Train the named-entity tagger on CoNLL `token TAG` files (--dev: hold out a dev split, every 10th sentence unless --split says otherwise)",
		Example: `  taqrir train ner --corpus ../shared/data/cleananercorp --dev
  taqrir train ner --corpus ../shared/data/cleananercorp --out internal/facts/ner/model.bin.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			data := corpus
			if oldData != "" {
				fmt.Fprintln(a.stderr, "taqrir: train ner --data is deprecated: use --corpus (--data is the global data directory)")
			}
			switch {
			case oldData != "" && corpus != "" && oldData != corpus:
				return fmt.Errorf("train ner: --data (deprecated) and --corpus name different corpora: give --corpus alone")
			case data == "":
				data = oldData
			}
			if data == "" {
				return fmt.Errorf("train ner: --corpus DIR|FILE is required (e.g. ../shared/data/cleananercorp)")
			}
			if out == "" && !dev {
				return fmt.Errorf("train ner: give --out FILE to write the model, or --dev to measure on the dev split")
			}
			var exclude []string
			if without != "" {
				if !dev {
					return fmt.Errorf("train ner: --without-gazetteer is for measuring (--dev); a shipped model uses every entry")
				}
				ex, err := readExclusions(without)
				if err != nil {
					return fmt.Errorf("train ner: %w", err)
				}
				if e := unknownEntry(ex); e != "" {
					return fmt.Errorf("train ner: %s: %q names no gazetteer entry", without, e)
				}
				exclude = ex
			}
			files, err := conllFiles(data)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			var all []ner.Sentence
			for _, f := range files {
				s, err := eval.ReadNERFile(f, eval.NERCoNLL)
				if err != nil {
					return fmt.Errorf("train ner: %w", err)
				}
				all = append(all, s...)
			}
			clusters, wordsSum, err := nerClusters(words)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			if wordsSum != wordrep.ClustersSHA256 && clusters != nil && !dev {
				return fmt.Errorf("train ner: --words %s is not the shipped table (sha256 %.12s…): a model file carries only the shipped one, so another table is an experiment for measuring (--dev)", words, wordsSum)
			}
			if (cluWide || cluStrip) && !dev {
				return fmt.Errorf("train ner: --words-wide and --words-strip are experiments for measuring (--dev): the model file does not carry them")
			}
			var minedFeats func(string) []string
			if mined != "" {
				if !dev {
					return fmt.Errorf("train ner: --mined is an experiment for measuring (--dev): the model file does not carry the table")
				}
				t, err := ner.ReadMinedFile(mined)
				if err != nil {
					return fmt.Errorf("train ner: %w", err)
				}
				minedFeats = t.Features
			}
			if (cluWide || cluStrip) && clusters == nil {
				return fmt.Errorf("train ner: --words-wide and --words-strip need --words")
			}
			trainSet, devSet := all, []ner.Sentence(nil)
			split := "all"
			if dev && splitMode == "cv" {
				if out != "" {
					return fmt.Errorf("train ner: --split cv trains ten models and writes none: drop --out")
				}
				return a.crossValidateNER(all, ner.TrainOptions{Epochs: epochs, Seed: seed, Bits: bits, Doc: doc, Log: io.Discard, Ensemble: ensemble, ExcludeGazetteer: exclude, Clusters: clusters, Words: wordsSum, CluWide: cluWide, CluStrip: cluStrip, Mined: minedFeats})
			}
			if dev {
				switch splitMode {
				case "every10":
					trainSet, devSet = splitDev(all)
					split = "train (every sentence i with i%10 != 9)"
				case "tail":
					cut := len(all) - len(all)/10
					trainSet, devSet = all[:cut], all[cut:]
					split = "train (first 90% of the sentences)"
				default:
					k, ok := blockSplit(splitMode)
					if !ok {
						return fmt.Errorf("train ner: --split %q: want every10, tail, block:K (K from 0 to 9) or cv", splitMode)
					}
					trainSet, devSet = holdOutTenth(all, k)
					split = fmt.Sprintf("train (all but the tenth number %d of the sentences)", k)
				}
			}
			tokens := 0
			for _, s := range trainSet {
				tokens += len(s.Tokens)
			}
			names := make([]string, len(files))
			for i, f := range files {
				names[i] = filepath.Base(f)
			}
			opt := ner.TrainOptions{Epochs: epochs, Seed: seed, Bits: bits, Doc: doc, Log: a.stderr, Ensemble: ensemble, ExcludeGazetteer: exclude, Clusters: clusters, Words: wordsSum, CluWide: cluWide, CluStrip: cluStrip, Mined: minedFeats,
				Info: fmt.Sprintf("data=%v split=%s sentences=%d tokens=%d epochs=%d seed=%d bits=%d doc=%v", names, split, len(trainSet), tokens, epochs, seed, bits, doc)}
			if wordsSum != "" {
				opt.Info += fmt.Sprintf(" clusters=%.12s", wordsSum)
			}
			if dev {
				opt.Epoch = func(ep int, m *ner.Model) {
					sc, err := eval.TagNERDoc(devSet, ner.New(m).TagDoc)
					if err == nil {
						fmt.Fprintf(a.stderr, "epoch %d: dev micro P %.1f R %.1f F1 %.1f\n", ep, 100*sc.Micro.Precision(), 100*sc.Micro.Recall(), 100*sc.Micro.F1())
					}
				}
			}
			fmt.Fprintf(a.stderr, "training on %d sentences, %d tokens\n", len(trainSet), tokens)
			t0 := time.Now()
			m, err := ner.Train(trainSet, opt)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			fmt.Fprintf(a.stderr, "trained in %s\n", time.Since(t0).Round(time.Millisecond))
			if dev {
				alone, err := eval.TagNER(devSet, ner.New(m).Tag)
				if err != nil {
					return err
				}
				docSc, seen, err := docScores(trainSet, devSet, m)
				if err != nil {
					return err
				}
				if a.json {
					if err := a.printJSON(map[string]any{"sentence": alone, "document": docSc, "seen_document": seen}); err != nil {
						return err
					}
				} else {
					fmt.Fprintf(a.stdout, "dev split (%s of %v): %d sentences\n\neach sentence alone (Tag):\n", splitMode, names, len(devSet))
					if err := eval.WriteNER(a.stdout, alone); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "\nwith the document pass (TagDoc, ±10 neighbouring dev sentences):\n")
					if err := eval.WriteNER(a.stdout, docSc); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "\nwith the document pass, by whether training tagged the same words with the same type:\n")
					if err := eval.WriteNERSeen(a.stdout, seen); err != nil {
						return err
					}
				}
			}
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return fmt.Errorf("train ner: %w", err)
				}
				if err := m.Write(f); err != nil {
					f.Close()
					return fmt.Errorf("train ner: writing %s: %w", out, err)
				}
				if err := f.Close(); err != nil {
					return fmt.Errorf("train ner: %w", err)
				}
				st, _ := os.Stat(out)
				fmt.Fprintf(a.stderr, "wrote %s (%d bytes)\n", out, st.Size())
			}
			return nil
		},
	}
	nerCmd.Flags().StringVar(&corpus, "corpus", "", "CoNLL file, or directory of *.txt CoNLL files (CLEANANERCorp TRAIN)")
	// --data was this flag's first name; it hid the global --data. Kept,
	// hidden, for scripts, with a deprecation warning.
	nerCmd.Flags().StringVar(&oldData, "data", "", "deprecated spelling of --corpus")
	_ = nerCmd.Flags().MarkHidden("data")
	nerCmd.Flags().StringVar(&out, "out", "", "where to write the gzip model (internal/facts/ner/model.bin.gz to ship it)")
	nerCmd.Flags().StringVar(&without, "without-gazetteer", "", "with --dev: a file of `kind<TAB>canonical` gazetteer entries to leave out (e.g. internal/facts/ner/tail_prompted.tsv, the entries written after reading the tail split)")
	nerCmd.Flags().StringVar(&words, "words", "", "a word-cluster table whose path prefixes of each token and its neighbours become features: shipped for the one embedded (internal/wordrep/MODEL.md; a model trained with it records it), or a table of taqrir train words (with --dev only: a model file carries only the embedded table). The shipped model reads none: internal/facts/ner/MODEL.md says why")
	nerCmd.Flags().BoolVar(&cluWide, "words-wide", false, "with --words: also the path prefixes of the tokens two before and two after")
	nerCmd.Flags().BoolVar(&cluStrip, "words-strip", false, "with --words: also the path of the word with its leading clitics taken off")
	nerCmd.Flags().StringVar(&mined, "mined", "", "with --dev: a name-slot table (taqrir train names) whose per-word slot shares become features (experiment; not saved in a model)")
	nerCmd.Flags().BoolVar(&dev, "dev", false, "train on 9/10 of the sentences and score the rest (every 10th)")
	nerCmd.Flags().StringVar(&splitMode, "split", "every10", "dev split with --dev: every10 (every 10th sentence), tail (the last 10% of sentences, unseen documents) block:K (the K-th contiguous tenth, K from 0 to 9; block:9 is tail) or cv (each block held out in turn: ten trainings, mean micro F1)")
	nerCmd.Flags().BoolVar(&doc, "doc", true, "also train the document pass (memory of how neighbouring sentences tagged a word)")
	nerCmd.Flags().IntVar(&ensemble, "ensemble", 1, "train this many models with consecutive seeds and average their weights")
	nerCmd.Flags().IntVar(&epochs, "epochs", 10, "passes over the training data (the shipped model: 10)")
	nerCmd.Flags().Uint64Var(&seed, "seed", 1, "shuffling seed")
	nerCmd.Flags().Uint8Var(&bits, "bits", 20, "log2 of the number of feature buckets")
	cmd.AddCommand(nerCmd)
	cmd.AddCommand(a.trainStanceCmd())
	cmd.AddCommand(a.trainWordsCmd())
	cmd.AddCommand(a.trainNamesCmd())
	return cmd
}

// readExclusions reads `kind<TAB>canonical` lines; # starts a comment.
func readExclusions(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for n, l := range strings.Split(string(b), "\n") {
		l = strings.TrimRight(l, "\r")
		if l == "" || l[0] == '#' {
			continue
		}
		kind, name, ok := strings.Cut(l, "\t")
		if !ok || kind == "" || strings.TrimSpace(name) == "" || strings.Contains(name, "\t") {
			return nil, fmt.Errorf("%s:%d: want kind<TAB>canonical, got %q", path, n+1, l)
		}
		out = append(out, kind+"\t"+strings.TrimSpace(name))
	}
	return out, nil
}

// nerFold is one fold of a cross-validation: micro F1 of each sentence
// alone and with the document pass, in percent.
type nerFold struct {
	Fold     int          `json:"fold"`
	Sentence float64      `json:"sentence"`
	Document float64      `json:"document"`
	Seen     eval.NERSeen `json:"seen_document"`
}

// crossValidateNER holds out each contiguous tenth of the sentences in
// turn, trains on the rest and scores the held-out tenth: ten unseen
// stretches of articles instead of one, so the mean moves less than a
// single split does when a sentence moves.
func (a *app) crossValidateNER(all []ner.Sentence, opt ner.TrainOptions) error {
	var folds []nerFold
	var sumS, sumD float64
	pooled := eval.NERSeen{Seen: eval.NERCount{Type: "seen"}, Unseen: eval.NERCount{Type: "unseen"}}
	for k := 0; k < 10; k++ {
		train, dev := holdOutTenth(all, k)
		m, err := ner.Train(train, opt)
		if err != nil {
			return fmt.Errorf("train ner: fold %d: %w", k, err)
		}
		alone, err := eval.TagNER(dev, ner.New(m).Tag)
		if err != nil {
			return err
		}
		doc, seen, err := docScores(train, dev, m)
		if err != nil {
			return err
		}
		f := nerFold{Fold: k, Sentence: 100 * alone.Micro.F1(), Document: 100 * doc.Micro.F1(), Seen: seen}
		folds = append(folds, f)
		sumS += f.Sentence
		sumD += f.Document
		addCount(&pooled.Seen, seen.Seen)
		addCount(&pooled.Unseen, seen.Unseen)
		if !a.json {
			fmt.Fprintf(a.stdout, "fold %d (sentences %d-%d): micro F1 %.1f alone, %.1f with the document pass (recall %.1f of %d seen entities, %.1f of %d unseen)\n",
				k, k*len(all)/10, k*len(all)/10+len(dev)-1, f.Sentence, f.Document,
				100*seen.Seen.Recall(), seen.Seen.Gold, 100*seen.Unseen.Recall(), seen.Unseen.Gold)
		}
	}
	if a.json {
		return a.printJSON(map[string]any{"folds": folds, "mean_sentence": sumS / 10, "mean_document": sumD / 10, "seen_document": pooled})
	}
	fmt.Fprintf(a.stdout, "mean of 10 folds: micro F1 %.2f alone, %.2f with the document pass\n", sumS/10, sumD/10)
	fmt.Fprintf(a.stdout, "\nall folds pooled, document pass, by whether training tagged the same words with the same type:\n")
	return eval.WriteNERSeen(a.stdout, pooled)
}

// docScores tags dev once with m's document pass and scores it, whole
// and split by whether train tagged each entity's words with its type.
func docScores(train, dev []ner.Sentence, m *ner.Model) (eval.NERScore, eval.NERSeen, error) {
	gold := make([][]string, len(dev))
	toks := make([][]string, len(dev))
	for i, s := range dev {
		gold[i], toks[i] = s.Tags, s.Tokens
	}
	pred := ner.New(m).TagDoc(toks)
	sc, err := eval.ScoreNER(gold, pred)
	if err != nil {
		return eval.NERScore{}, eval.NERSeen{}, err
	}
	seen, err := eval.ScoreNERSeen(train, dev, pred)
	return sc, seen, err
}

func addCount(sum *eval.NERCount, c eval.NERCount) {
	sum.Gold += c.Gold
	sum.Pred += c.Pred
	sum.Correct += c.Correct
}

// holdOutTenth splits sentences into all but the k-th contiguous tenth
// (k from 0 to 9) and that tenth.
func holdOutTenth(all []ner.Sentence, k int) (train, dev []ner.Sentence) {
	lo, hi := k*len(all)/10, (k+1)*len(all)/10
	return append(append([]ner.Sentence(nil), all[:lo]...), all[hi:]...), all[lo:hi]
}

// unknownEntry returns the first of the "kind<TAB>name" entries that
// names no gazetteer entry (the name matched by its gazetteer.Phrase
// key, as ner.TrainOptions.ExcludeGazetteer matches it), or "".
func unknownEntry(entries []string) string {
	known := map[string]bool{}
	for _, e := range gazetteer.Entries() {
		known[e.Kind.String()+"\t"+gazetteer.Phrase(e.Canonical)] = true
	}
	for _, e := range entries {
		kind, name, _ := strings.Cut(e, "\t")
		if !known[kind+"\t"+gazetteer.Phrase(name)] {
			return e
		}
	}
	return ""
}

// blockSplit reads "block:K" with K from 0 to 9.
func blockSplit(mode string) (int, bool) {
	rest, ok := strings.CutPrefix(mode, "block:")
	if !ok || len(rest) != 1 || rest[0] < '0' || rest[0] > '9' {
		return 0, false
	}
	return int(rest[0] - '0'), true
}

// splitDev puts every 10th sentence (index 9, 19, …) in dev.
func splitDev(all []ner.Sentence) (train, dev []ner.Sentence) {
	for i, s := range all {
		if i%10 == 9 {
			dev = append(dev, s)
		} else {
			train = append(train, s)
		}
	}
	return train, dev
}

// conllFiles returns path itself, or the *.txt files of a directory, sorted.
func conllFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *.txt CoNLL files", path)
	}
	sort.Strings(files)
	return files, nil
}

// nerClusters resolves train ner's --words: "" no clusters, "shipped"
// the embedded table, else the table in that file. sum is the table
// file's sha256 ("" for none).
func nerClusters(words string) (clusters func(string) string, sum string, err error) {
	switch words {
	case "":
		return nil, "", nil
	case "shipped":
		t, err := wordrep.Clusters()
		if err != nil {
			return nil, "", err
		}
		return t.Path, wordrep.ClustersSHA256, nil
	}
	b, err := os.ReadFile(words)
	if err != nil {
		return nil, "", err
	}
	t, err := wordrep.Read(bytes.NewReader(b))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", words, err)
	}
	h := sha256.Sum256(b)
	return t.Path, hex.EncodeToString(h[:]), nil
}
