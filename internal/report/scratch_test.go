package report_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/taqrir/taqrir/internal/report"
)

func TestScratch(t *testing.T) {
	s := openSample(t)
	r, err := report.ForQuery(context.Background(), s.st, s.ix, report.Query{Text: os.Getenv("Q")}, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	enc.Encode(r)
}
