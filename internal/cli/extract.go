package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// extracted is `taqrir extract --json`'s output; its keys are a stable
// interface for scripts.
type extracted struct {
	Title      string         `json:"title"`
	Byline     string         `json:"byline"`
	Published  string         `json:"published"`
	Source     string         `json:"source"`
	URL        string         `json:"url"`
	Language   string         `json:"language"`
	Body       string         `json:"body"`
	Paragraphs []string       `json:"paragraphs"`
	Captions   []string       `json:"captions"`
	Removed    []removedBlock `json:"removed"`
	published  time.Time      // Published for a reader (see news.FormatPublished)
	// The facts read from the body (entities, dates, quantities, claims),
	// offsets into Body; relative dates resolve against Published.
	news.Facts
}

// removedBlock is one thing extraction or cleaning took out, and why.
type removedBlock struct {
	Reason string `json:"reason"`
	Text   string `json:"text"`
	Why    string `json:"why,omitempty"`
}

func (a *app) extractCmd() *cobra.Command {
	var format, published string
	var allowPrivate bool
	var maxBytes int64
	cmd := &cobra.Command{
		Use:   "extract FILE|URL|-",
		Short: "Extract one article from a page, a file or a URL and print it, without storing it",
		Long: `Extract prints the article taqrir would ingest from one input: an HTML page (.html,
.htm, optionally .gz), the first HTML page of a .warc, a .txt file (cleaned as ingest
cleans it), the first line of a .jsonl file, an http(s) URL (fetched politely, as ingest
fetches) or - (stdin; --format says how to read it, else it is guessed). Nothing is
stored. --json prints the keys title, byline, published, source, url, language, body,
paragraphs, captions, removed (what was taken out, and why) and the facts read from the
body: entities, dates, quantities and claims (offsets into body; relative dates resolved
against --published, else the page's date).`,
		Example: `  taqrir extract page.html
  taqrir extract --json https://example.com/news/1 | jq .body
  curl -s https://example.com/news/1 | taqrir extract --format html -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var anchor time.Time
			if published != "" {
				t, err := parseBound("published", published, false) // what --since accepts
				if err != nil {
					return fmt.Errorf("extract: %w", err)
				}
				anchor = t
			}
			var inFormat source.Format
			if format != "" {
				f, err := inputFormat(format)
				if err != nil {
					return fmt.Errorf("extract: %w", err)
				}
				inFormat = f
			}
			it, more, err := a.oneItem(ctx, args[0], inFormat, allowPrivate, maxBytes)
			if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			if it.Err != nil {
				return fmt.Errorf("extract: %s: %w", it.Origin, it.Err)
			}
			if more > 0 {
				fmt.Fprintf(a.stderr, "taqrir: %s holds %d more items; showing the first (%s)\n", args[0], more, it.Origin)
			}
			res, err := extract.ItemMeta(it.Format, it.Data, extract.PageMeta{URL: it.URL, ContentType: it.ContentType})
			if err != nil {
				return fmt.Errorf("extract: %s: %w", it.Origin, err)
			}
			a.note(it.Origin, res.Note())
			art := res.Article
			if !anchor.IsZero() {
				art.Published = anchor
			}
			out := extracted{
				Title: art.Title, Byline: art.Byline, Source: art.Source, URL: art.URL, Language: art.Language,
				Body: art.Body(), Paragraphs: nonNil(art.Paragraphs), Captions: nonNil(art.Captions), Removed: []removedBlock{},
			}
			if out.URL == "" {
				out.URL = it.URL
			}
			if !art.Published.IsZero() {
				out.Published = art.Published.Format(time.RFC3339)
				out.published = art.Published
			}
			out.Facts = facts.Extract(out.Body, art.Published)
			out.FillEmpty()
			for _, r := range res.Removed {
				out.Removed = append(out.Removed, removedBlock{Reason: r.Kind, Text: r.Text, Why: r.Why})
			}
			for _, r := range res.Cleaning.Removed {
				out.Removed = append(out.Removed, removedBlock{Reason: r.Reason, Text: r.Text})
			}
			if a.json {
				return a.printJSON(out)
			}
			a.printExtracted(out)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "how to read the input: txt, jsonl or html (default: by extension; stdin is guessed)")
	cmd.Flags().StringVar(&published, "published", "", "publication date (2025-03-14, 2025-03, 2025 or RFC 3339, as --since takes): the anchor for relative dates; overrides the page's")
	cmd.Flags().BoolVar(&allowPrivate, "allow-private", false, "allow fetching from loopback, private and link-local addresses")
	cmd.Flags().Int64Var(&maxBytes, "max-page-bytes", source.MaxItemSize, "largest page, file or line accepted, in bytes")
	return cmd
}

// note tells the user on stderr something about an input that was read
// (e.g. a guessed encoding, so a wrong guess can be caught); "" is nothing.
func (a *app) note(origin, msg string) {
	if msg != "" {
		fmt.Fprintf(a.stderr, "taqrir: note: %s: %s\n", termSafe(origin), msg)
	}
}

// inputFormat reads an --format of input, in any case.
func inputFormat(flag string) (source.Format, error) {
	switch f := source.Format(strings.ToLower(strings.TrimSpace(flag))); f {
	case source.FormatText, source.FormatJSONL, source.FormatHTML:
		return f, nil
	}
	return "", fmt.Errorf("--format %q: want txt, jsonl or html", flag)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// oneItem reads the first item of a file, URL or stdin; more counts the
// items after it.
func (a *app) oneItem(ctx context.Context, arg string, format source.Format, allowPrivate bool, maxBytes int64) (source.Item, int, error) {
	if feed.IsURL(arg) {
		f := fetch.New(fetch.Options{AllowPrivate: allowPrivate, MaxBytes: maxBytes})
		return f.Item(ctx, arg), 0, nil
	}
	opt := source.Options{Stdin: a.stdin, StdinFormat: format, MaxItemBytes: maxBytes}
	if arg == "-" && format == "" {
		data, err := source.ReadPage(a.stdin, maxBytes)
		if err != nil {
			return source.Item{}, 0, fmt.Errorf("-: %w", err)
		}
		opt.StdinFormat = guessFormat(data)
		opt.Stdin = bytes.NewReader(data)
	}
	var first source.Item
	n := 0
	errStop := errors.New("stop")
	err := opt.Walk(ctx, []string{arg}, func(it source.Item) error {
		n++
		if n == 1 {
			first = it
			return nil
		}
		if n > 1000 {
			return errStop // enough to say "many"
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return source.Item{}, 0, err
	}
	if n == 0 {
		return source.Item{}, 0, fmt.Errorf("%s: no article in it", arg)
	}
	if format != "" && arg != "-" && first.Err == nil && first.Format != format {
		first.Format = format // --format overrides the extension
	}
	return first, n - 1, nil
}

// guessFormat tells HTML, JSON lines and plain text apart by their start.
func guessFormat(data []byte) source.Format {
	s := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(s, []byte("<")):
		return source.FormatHTML
	case bytes.HasPrefix(s, []byte("{")):
		return source.FormatJSONL
	}
	return source.FormatText
}

func (a *app) printExtracted(e extracted) {
	fmt.Fprintln(a.stdout, termSafe(e.Title))
	var meta []string
	published := ""
	if !e.published.IsZero() {
		published = news.FormatPublished(e.published)
	}
	for _, kv := range [][2]string{{"source", e.Source}, {"byline", e.Byline}, {"published", published}, {"url", e.URL}, {"language", e.Language}} {
		if kv[1] != "" {
			meta = append(meta, kv[0]+": "+termSafe(kv[1]))
		}
	}
	if len(meta) > 0 {
		fmt.Fprintln(a.stdout, strings.Join(meta, " | "))
	}
	fmt.Fprintln(a.stdout)
	fmt.Fprintln(a.stdout, e.Body)
	if len(e.Captions) > 0 {
		fmt.Fprintln(a.stdout, "\nCaptions:")
		for _, c := range e.Captions {
			fmt.Fprintln(a.stdout, "  "+c)
		}
	}
	if len(e.Removed) > 0 {
		fmt.Fprintln(a.stdout, "\nRemoved:")
		for _, r := range e.Removed {
			fmt.Fprintf(a.stdout, "  [%s] %s\n", r.Reason, r.Text)
		}
	}
	printFacts(a.stdout, &e.Facts)
}

// printFacts lists an article's facts for a reader, one line each.
func printFacts(w io.Writer, f *news.Facts) {
	if len(f.Entities) > 0 {
		fmt.Fprintln(w, "\nEntities:")
		seen := map[string]bool{}
		for _, e := range f.Entities {
			line := fmt.Sprintf("  %-4s %s", e.Type, e.Canonical)
			if e.Text != e.Canonical {
				line += " (" + e.Text + ")"
			}
			for _, kv := range [][2]string{{"role", e.Role}, {"of", e.Of}, {"in", e.In}} {
				if kv[1] != "" {
					line += " " + kv[0] + ": " + kv[1]
				}
			}
			if e.Metonymy {
				line += " [metonymy]"
			}
			if !seen[line] {
				seen[line] = true
				fmt.Fprintln(w, line)
			}
		}
	}
	if len(f.Dates) > 0 {
		fmt.Fprintln(w, "\nDates:")
		for _, d := range f.Dates {
			v := d.Value
			if d.Unresolved {
				v = "unresolved"
			}
			fmt.Fprintf(w, "  %s → %s (%s)\n", d.Text, v, d.Granularity)
		}
	}
	if len(f.Quantities) > 0 {
		fmt.Fprintln(w, "\nFigures:")
		for _, q := range f.Quantities {
			approx := ""
			if q.Approximate {
				approx = "~"
			}
			fmt.Fprintf(w, "  %s → %s%s %s\n", q.Text, approx, strconv.FormatFloat(q.Value, 'f', -1, 64), q.Unit)
		}
	}
	if len(f.Claims) > 0 {
		fmt.Fprintln(w, "\nClaims:")
		for _, c := range f.Claims {
			who := c.Speaker
			if c.Anonymous {
				who += " [anonymous]"
			}
			fmt.Fprintf(w, "  %s (%s): %s\n", who, c.Cue, c.Text)
		}
	}
}
