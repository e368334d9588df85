package wordrep

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// EachArticle calls fn with the title and text of each article of a
// taqrir JSONL file (gzip when the name ends in .gz), up to limit articles
// (0: all), for the other learners of unlabeled text (the NER name miner).
// It returns how many articles it read.
func EachArticle(path string, limit int, fn func(title, text string)) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		if limit > 0 && n >= limit {
			break
		}
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		var a article
		if err := json.Unmarshal(line, &a); err != nil {
			return n, fmt.Errorf("%s: article %d: %w", path, n+1, err)
		}
		fn(a.Title, a.Text)
		n++
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}
