// Command testsum reads `go test -json` on standard input and prints what a person
// reading CI needs: one line per package (ok / FAIL / no test files), the output of
// every failed test, one line naming the suites skipped because public data was
// missing, and a closing `N passed, N failed, N skipped` line. It exits 1 when any
// test or package failed (or the stream held no test at all), else 0.
//
// It lives under .ci (ignored by ./... patterns): a CI tool, not part of taqrir.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

// dataMissing matches the skip messages of tests that need ../shared/data.
var dataMissing = regexp.MustCompile(`(?i)(absent|not found|shared/data|no such file)`)

func main() {
	code, err := summarize(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

func summarize(r io.Reader, w io.Writer) (int, error) {
	type key struct{ pkg, test string }
	output := map[key][]string{}
	var passed, failed, skipped int
	var pkgLines []string
	var failedOut []string
	var dataSkips, otherSkips []string
	pkgFailed := false

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			// Build errors and other non-JSON lines are printed as they are.
			fmt.Fprintln(w, string(line))
			continue
		}
		k := key{e.Package, e.Test}
		switch e.Action {
		case "build-output":
			fmt.Fprint(w, e.Output)
		case "build-fail":
			pkgFailed = true
		case "output":
			output[k] = append(output[k], e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "?   "}[e.Action]
				msg := fmt.Sprintf("%s\t%s\t%.1fs", status, e.Package, e.Elapsed)
				if e.Action == "skip" {
					msg = fmt.Sprintf("%s\t%s\t[no test files]", status, e.Package)
				}
				if e.Action == "fail" {
					pkgFailed = true
					// A package that failed outside any test (build error, panic in init).
					failedOut = append(failedOut, strings.Join(output[k], ""))
				}
				pkgLines = append(pkgLines, msg)
				continue
			}
			if strings.Contains(e.Test, "/") {
				// Subtests are counted through their parent; a failed one's output is kept.
				if e.Action == "fail" {
					failedOut = append(failedOut, strings.Join(output[k], ""))
				}
				delete(output, k)
				continue
			}
			switch e.Action {
			case "pass":
				passed++
			case "fail":
				failed++
				failedOut = append(failedOut, strings.Join(output[k], ""))
			case "skip":
				skipped++
				name := shortPkg(e.Package) + "." + e.Test
				if dataMissing.MatchString(strings.Join(output[k], "")) {
					dataSkips = append(dataSkips, name)
				} else {
					otherSkips = append(otherSkips, name)
				}
			}
			delete(output, k)
		}
	}
	if err := sc.Err(); err != nil {
		return 2, err
	}
	for _, l := range pkgLines {
		fmt.Fprintln(w, l)
	}
	for _, o := range failedOut {
		if strings.TrimSpace(o) != "" {
			fmt.Fprint(w, o)
		}
	}
	sort.Strings(dataSkips)
	sort.Strings(otherSkips)
	if len(dataSkips) == 0 {
		fmt.Fprintln(w, "skipped for missing data: none")
	} else {
		fmt.Fprintf(w, "skipped for missing data (%d): %s\n", len(dataSkips), strings.Join(dataSkips, ", "))
	}
	if len(otherSkips) > 0 {
		fmt.Fprintf(w, "skipped for other reasons (%d): %s\n", len(otherSkips), strings.Join(otherSkips, ", "))
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || pkgFailed || passed == 0 {
		return 1, nil
	}
	return 0, nil
}

// shortPkg drops the module path so lines stay readable.
func shortPkg(p string) string {
	if i := strings.Index(p, "/internal/"); i >= 0 {
		return p[i+1:]
	}
	if i := strings.Index(p, "/cmd/"); i >= 0 {
		return p[i+1:]
	}
	return p
}
