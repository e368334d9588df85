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
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}
