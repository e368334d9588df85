package report_test

import (
	"os"
	"testing"
)

func tempDir() (string, error) { return os.MkdirTemp("", "taqrir-report-test-") }

func TestMain(m *testing.M) {
	code := m.Run()
	if sample.ix != nil {
		sample.ix.Close()
	}
	if sample.st != nil {
		sample.st.Close()
	}
	for _, d := range synthCache {
		d.ix.Close()
		d.st.Close()
		if d.dir != "" {
			os.RemoveAll(d.dir)
		}
	}
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}
