package extract

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	dps "github.com/markusmobius/go-dateparser"
)

// TestDateParserIsReplaced guards start-up time. go-trafilatura links
// go-htmldate, which links go-dateparser, whose package initialisation
// builds locale tables at every start of every command (145–430 ms, 78 MB).
// taqrir turns htmldate off (HtmlDateMode: Disabled in mainText: pubdate.go
// reads dates), so go.mod replaces go-dateparser with our stand-in
// (replace/go-dateparser, see its README.md), which parses nothing. This
// fails if the real module comes back into the taqrir binary: a dependency
// update that drops the replace directive or needs more of go-dateparser
// must be looked at, not let through.
func TestDateParserIsReplaced(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to list the binary's packages")
	}
	out, err := exec.Command("go", "list", "-deps", "-f",
		`{{with .Module}}{{if eq .Path "github.com/markusmobius/go-dateparser"}}{{$.ImportPath}} => {{with .Replace}}{{.Path}}{{end}}{{"\n"}}{{end}}{{end}}`,
		"github.com/taqrir/taqrir/cmd/taqrir").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	got := strings.TrimSpace(string(out))
	if want := "github.com/markusmobius/go-dateparser => ./replace/go-dateparser"; got != want {
		t.Errorf("go-dateparser packages linked into taqrir:\n%s\nwant only the stand-in:\n%s\n(the real package's init costs every command 145–430 ms: see replace/go-dateparser/README.md)", got, want)
	}
	// The stand-in answers, honestly, that it does not parse.
	d, err := (&dps.Parser{ParserTypes: []dps.ParserType{dps.CustomFormat, dps.AbsoluteTime}}).
		Parse(&dps.Configuration{PreferredDateSource: dps.Past, StrictParsing: true}, "12 August 2021")
	if !errors.Is(err, dps.ErrDisabled) || !d.Time.IsZero() {
		t.Errorf("stand-in Parse = %v, %v; want the zero date and ErrDisabled", d.Time, err)
	}
}
